//! "Try a demo vault": a new, encrypted vault holding the synthetic demo campaign
//! ([`crate::demo`]), so someone can look around without typing a real coworker's name.

use super::{CreateVaultRequest, CreatedVault, Session};
use crate::demo::{self, DemoOptions};
use crate::error::Result;

/// How many synthetic coworkers the demo vault holds.
pub const DEMO_WORKERS: usize = 400;
/// The demo's seed: every demo vault made on the same day holds the same people.
pub const DEMO_SEED: u64 = 1;

impl Session {
    /// Create a vault as [`Session::create`] does (same passphrase rules, same encryption, same
    /// recovery key), then fill it with the demo campaign. If filling fails, the new vault is
    /// locked again and the error returned; the (empty) vault stays on disk.
    pub fn create_demo(&self, req: CreateVaultRequest) -> Result<CreatedVault> {
        let created = self.create(req)?;
        let filled = self.with_conn(|conn, today| {
            demo::generate(
                conn,
                &DemoOptions {
                    workers: DEMO_WORKERS,
                    seed: DEMO_SEED,
                    today,
                },
            )
        });
        if let Err(e) = filled {
            let _ = self.lock();
            return Err(e);
        }
        let info = self.with_vault(|v| v.info())?;
        Ok(CreatedVault { info, ..created })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recent::RecentList;
    use crate::vault::Kdf;
    use crate::workers::WorkerFilter;

    #[test]
    fn a_demo_vault_holds_the_demo_campaign() {
        let dir = tempfile::tempdir().unwrap();
        let session =
            Session::new(RecentList::at(dir.path().join("recent.json"))).with_kdf(Kdf::Fixed(18));
        let created = session
            .create_demo(CreateVaultRequest {
                folder: dir.path().display().to_string(),
                name: "Demo campaign".into(),
                passphrase: "violet tractor molasses 42 harbor".to_string().into(),
                with_recovery_key: true,
            })
            .unwrap();
        assert_eq!(created.info.name, "Demo campaign");
        assert!(created.info.has_recovery_key);
        assert!(created.recovery_key.is_some());
        assert!(
            session.status().unwrap().is_some(),
            "the demo vault is open"
        );

        let campaigns = session.campaigns().unwrap();
        assert_eq!(campaigns.len(), 1);
        assert_eq!(campaigns[0].name, demo::CAMPAIGN_NAME);
        let everyone = session
            .worker_list(campaigns[0].id, &WorkerFilter::default())
            .unwrap();
        let active = everyone.counts.total as usize;
        assert!(
            (DEMO_WORKERS * 9 / 10..=DEMO_WORKERS).contains(&active),
            "about {DEMO_WORKERS} active workers, got {active}"
        );
        let all: i64 = session
            .with_conn(|conn, _| {
                Ok(conn.query_row(
                    "SELECT count(*) FROM worker WHERE campaign_id = ?1",
                    [campaigns[0].id],
                    |r| r.get(0),
                )?)
            })
            .unwrap();
        assert_eq!(all, DEMO_WORKERS as i64);

        // It is an ordinary vault: it locks, and unlocks with its passphrase.
        session.lock().unwrap();
        let info = session
            .unlock(
                std::path::Path::new(&created.info.path),
                crate::vault::Unlock::Passphrase(
                    &"violet tractor molasses 42 harbor".to_string().into(),
                ),
            )
            .unwrap();
        assert_eq!(info.vault_id, created.info.vault_id);
        assert_eq!(session.campaigns().unwrap().len(), 1);
    }

    #[test]
    fn a_demo_vault_is_refused_where_a_vault_exists() {
        let dir = tempfile::tempdir().unwrap();
        let session =
            Session::new(RecentList::at(dir.path().join("recent.json"))).with_kdf(Kdf::Fixed(18));
        let req = || CreateVaultRequest {
            folder: dir.path().display().to_string(),
            name: "Demo campaign".into(),
            passphrase: "violet tractor molasses 42 harbor".to_string().into(),
            with_recovery_key: false,
        };
        session.create_demo(req()).unwrap();
        let err = session.create_demo(req()).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::AlreadyExists);
    }
}
