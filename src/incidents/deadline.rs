//! The 10(b) clock. Section 10(b) of the NLRA: no complaint may issue on an unfair labor practice
//! that occurred more than six months before the charge was filed with the Board AND served on
//! the employer. The six months are calendar months from the incident.
//!
//! The last day is the incident's day six calendar months later (`chrono`'s
//! `checked_add_months`). When that month is shorter, the day is clamped to its end: an incident
//! on 31 August has its last day on 28 February (29 February in a leap year), one on 31 March on
//! 30 September. The deadline is deliberately conservative: it is never moved to the next
//! business day when it falls on a weekend or holiday, and the clamping can only make it earlier.

use super::model::{DeadlineClock, DeadlineLevel};
use chrono::{Months, NaiveDate};

/// Calendar months from the incident to the last day to file and serve a charge.
pub const MONTHS: u32 = 6;

/// Days left at or under which each warning starts.
pub const WARN_60: i64 = 60;
pub const WARN_30: i64 = 30;
pub const WARN_14: i64 = 14;

/// The last day to file the charge with the Board and serve it on the employer.
pub fn last_day(occurred_on: NaiveDate) -> NaiveDate {
    occurred_on
        .checked_add_months(Months::new(MONTHS))
        .unwrap_or(NaiveDate::MAX)
}

/// Days from `today` to `last_day`: 0 on the last day, negative after it.
pub fn days_left(last_day: NaiveDate, today: NaiveDate) -> i64 {
    (last_day - today).num_days()
}

/// The warning level for a number of days left.
pub fn level(days_left: i64) -> DeadlineLevel {
    match days_left {
        d if d < 0 => DeadlineLevel::Passed,
        d if d <= WARN_14 => DeadlineLevel::Days14,
        d if d <= WARN_30 => DeadlineLevel::Days30,
        d if d <= WARN_60 => DeadlineLevel::Days60,
        _ => DeadlineLevel::Ok,
    }
}

/// Whether the clock still runs: until the charge is both filed and served, unless the incident
/// is closed.
pub fn is_open(filed: bool, served: bool, closed: bool) -> bool {
    !(closed || (filed && served))
}

/// The clock of an incident on `today`, or `None` when it no longer runs.
pub fn clock(
    occurred_on: NaiveDate,
    filed: bool,
    served: bool,
    closed: bool,
    today: NaiveDate,
) -> Option<DeadlineClock> {
    if !is_open(filed, served, closed) {
        return None;
    }
    let days_left = days_left(last_day(occurred_on), today);
    Some(DeadlineClock {
        days_left,
        level: level(days_left),
        needs_filing: !filed,
        needs_service: !served,
    })
}

/// Whether a charge filed on `filed` and served on `served` was in time.
pub fn timely(occurred_on: NaiveDate, filed: NaiveDate, served: NaiveDate) -> bool {
    let last = last_day(occurred_on);
    filed <= last && served <= last
}

/// Sort key for the deadline list: incidents still in time first, fewest days left first; then
/// those past their last day, the most recently passed first.
pub fn urgency(days_left: i64) -> (bool, i64) {
    if days_left >= 0 {
        (false, days_left)
    } else {
        (true, -days_left)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn month_ends_clamp_to_the_earlier_day() {
        assert_eq!(last_day(d("2025-08-31")), d("2026-02-28"));
        assert_eq!(last_day(d("2027-08-31")), d("2028-02-29"));
        assert_eq!(last_day(d("2026-04-30")), d("2026-10-30"));
        assert_eq!(last_day(d("2026-03-31")), d("2026-09-30"));
        assert_eq!(last_day(d("2026-01-15")), d("2026-07-15"));
    }

    #[test]
    fn levels() {
        assert_eq!(level(61), DeadlineLevel::Ok);
        assert_eq!(level(60), DeadlineLevel::Days60);
        assert_eq!(level(31), DeadlineLevel::Days60);
        assert_eq!(level(30), DeadlineLevel::Days30);
        assert_eq!(level(15), DeadlineLevel::Days30);
        assert_eq!(level(14), DeadlineLevel::Days14);
        assert_eq!(level(0), DeadlineLevel::Days14);
        assert_eq!(level(-1), DeadlineLevel::Passed);
    }
}
