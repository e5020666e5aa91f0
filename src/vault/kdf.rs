//! Choosing the scrypt work factor for the passphrase key file.
//!
//! age's own calibration times a single sample; on a busy 2-core machine that swings between
//! factors. We time several samples at a smaller factor, take the median, extrapolate (scrypt's
//! cost doubles with each step of log N) and aim at about one second, clamped to
//! [`MIN_WORK_FACTOR`, `MAX_WORK_FACTOR`]: never under 256 MiB of memory, and never above what the
//! stock `age` CLI accepts (it refuses more than 2^22).

use crate::error::{Error, Result};
use std::time::{Duration, Instant};

/// 2^18: 256 MiB of memory per guess.
pub const MIN_WORK_FACTOR: u8 = 18;
/// 2^21: 2 GiB; the stock `age` CLI accepts up to 2^22.
pub const MAX_WORK_FACTOR: u8 = 21;
/// The largest factor we agree to read back (the stock CLI's own limit).
pub const MAX_READ_WORK_FACTOR: u8 = 22;

const SAMPLE_LOG_N: u8 = 15;
const SAMPLES: usize = 5;
const TARGET: Duration = Duration::from_millis(1000);

/// How the work factor of a new passphrase key file is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kdf {
    /// Measure this machine and aim at about one second.
    #[default]
    Calibrate,
    /// A fixed factor (validated against the bounds); for tests, benchmarks and scripted use.
    Fixed(u8),
}

impl Kdf {
    pub fn work_factor(self) -> Result<u8> {
        match self {
            Kdf::Fixed(n) if (MIN_WORK_FACTOR..=MAX_WORK_FACTOR).contains(&n) => Ok(n),
            Kdf::Fixed(n) => Err(Error::InvalidInput(format!(
                "The scrypt work factor must be between {MIN_WORK_FACTOR} and {MAX_WORK_FACTOR} (got {n})."
            ))),
            Kdf::Calibrate => Ok(calibrate()),
        }
    }
}

/// Time scrypt on this machine and pick the factor closest to one second.
pub fn calibrate() -> u8 {
    let mut times: Vec<Duration> = (0..SAMPLES).map(|_| time_scrypt(SAMPLE_LOG_N)).collect();
    times.sort();
    choose(times[SAMPLES / 2])
}

/// The factor whose extrapolated time is closest (in log scale) to the target.
pub fn choose(sample: Duration) -> u8 {
    let sample = sample.as_secs_f64().max(1e-6);
    let steps = (TARGET.as_secs_f64() / sample).log2().round();
    let n = f64::from(SAMPLE_LOG_N) + steps;
    n.clamp(f64::from(MIN_WORK_FACTOR), f64::from(MAX_WORK_FACTOR)) as u8
}

fn time_scrypt(log_n: u8) -> Duration {
    let params = scrypt::Params::new(log_n, 8, 1, 32).expect("valid scrypt parameters");
    let mut out = [0u8; 32];
    let start = Instant::now();
    // Salt and password are dummies: only the time matters.
    let _ = scrypt::scrypt(b"fieldbook-calibration", &[0u8; 16], &params, &mut out);
    start.elapsed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choice_is_clamped_and_tracks_speed() {
        // 2^15 in 1 ms: a very fast machine would want far more than 2^21.
        assert_eq!(choose(Duration::from_millis(1)), MAX_WORK_FACTOR);
        // 2^15 in 2 s: a very slow machine still gets the floor.
        assert_eq!(choose(Duration::from_secs(2)), MIN_WORK_FACTOR);
        // 2^15 in 62.5 ms → 2^19 ≈ 1 s.
        assert_eq!(choose(Duration::from_micros(62_500)), 19);
    }

    #[test]
    fn fixed_factor_is_validated() {
        assert_eq!(Kdf::Fixed(18).work_factor().ok(), Some(18));
        assert!(Kdf::Fixed(17).work_factor().is_err());
        assert!(Kdf::Fixed(22).work_factor().is_err());
    }
}
