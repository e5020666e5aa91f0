//! Process hardening at start-up, before any vault is opened: no core dumps (a dump of a process
//! holding an unlocked vault would put its key and decrypted rows on disk in plaintext), and on
//! Linux the process is marked non-dumpable, which also keeps other processes of the same user
//! from attaching a debugger or reading its memory through /proc. No crash reporter is installed.

/// What [`harden_process`] managed to set; the shell and the CLI carry on either way (a failure
/// here must not keep an organizer from their notes), and tests check it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Hardening {
    /// The core file size limit is 0 (soft and hard).
    pub no_core_dumps: bool,
    /// Linux: `PR_SET_DUMPABLE` is 0.
    pub not_dumpable: bool,
}

/// Turn off core dumps for this process (and, on Linux, mark it non-dumpable).
#[cfg(unix)]
pub fn harden_process() -> Hardening {
    let zero = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: setrlimit reads the struct we pass; no memory is shared.
    let no_core_dumps = unsafe { libc::setrlimit(libc::RLIMIT_CORE, &zero) } == 0;
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_DUMPABLE takes plain integer arguments.
    let not_dumpable = unsafe { libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0) } == 0;
    #[cfg(not(target_os = "linux"))]
    let not_dumpable = false;
    Hardening {
        no_core_dumps,
        not_dumpable,
    }
}

/// Windows and other systems: nothing is set yet (see docs/threat-model.md).
#[cfg(not(unix))]
pub fn harden_process() -> Hardening {
    Hardening::default()
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn core_dumps_are_off_and_the_process_is_not_dumpable() {
        let h = harden_process();
        assert!(h.no_core_dumps && h.not_dumpable, "{h:?}");
        let mut lim = libc::rlimit {
            rlim_cur: 1,
            rlim_max: 1,
        };
        // SAFETY: getrlimit writes into the struct we own.
        assert_eq!(unsafe { libc::getrlimit(libc::RLIMIT_CORE, &mut lim) }, 0);
        assert_eq!((lim.rlim_cur, lim.rlim_max), (0, 0));
        // SAFETY: PR_GET_DUMPABLE takes no pointer.
        assert_eq!(unsafe { libc::prctl(libc::PR_GET_DUMPABLE, 0, 0, 0, 0) }, 0);
    }
}
