//! Lock the vault when the operating system says the computer is going to sleep or the screen is
//! locking (issue 8), if "Lock when the computer sleeps or the screen locks" is on (the default).
//!
//! The lock is the quick-lock's ([`crate::commands::vault::lock_from_outside`]): the clipboard is
//! cleared, the UI is asked to lock like its Lock button (an open draft is saved, every screen's
//! state is dropped, then `vault_lock`, which checkpoints, closes and wipes the key in the
//! library's `Session`), with the reason `"sleep"` or `"screen-lock"`. Unlike the shortcut, the
//! OS does not wait for us: when the UI has not locked within [`UI_GRACE`] (a frozen WebView, a
//! screen that never listened) the session is locked here.
//!
//! Linux: D-Bus through `gio` (already loaded by GTK), on a thread of its own with its own GLib
//! main context, so nothing here can slow the window:
//! - system bus, logind (`org.freedesktop.login1`): `Manager.PrepareForSleep(true)`; the
//!   `Session.Lock` signal and `LockedHint` turning true on this process's session (logind's
//!   `GetSession("auto")`, else `GetSessionByPID`; when neither answers, any session of this user).
//!   A "delay" sleep inhibitor is held so that logind waits (up to its `InhibitDelayMaxSec`, 5 s by
//!   default) until the vault is closed and the key wiped before the memory is suspended; it is
//!   released once locked and taken again on wake (`PrepareForSleep(false)`);
//! - session bus: `ActiveChanged(true)` of the screen savers of freedesktop (KDE and others),
//!   GNOME, MATE, Cinnamon and Xfce.
//!
//! Every subscription names its sender, so only the owner of `org.freedesktop.login1` (root, on a
//! real system bus) or of the screen saver's name is heard. A bus that is missing (a container
//! without D-Bus) is skipped with one line on stderr that names the bus and nothing else; no bus
//! is ever started for us (no D-Bus autolaunch). Other systems: nothing yet (see
//! docs/threat-model.md, "Locking, the clipboard and the window").

use crate::commands::vault::lock_from_outside;
use fieldbook::api::Session;
use std::time::{Duration, Instant};
use tauri::{AppHandle, Manager, Runtime};

/// How long the UI has to lock (saving an open draft first) before the session is locked here.
/// Well inside logind's default 5 s delay for sleep.
pub const UI_GRACE: Duration = Duration::from_secs(2);

/// What the operating system told us.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OsEvent {
    /// The computer is about to sleep (suspend or hibernate).
    Sleep,
    /// The screen is locking, or the session was asked to lock.
    ScreenLock,
}

impl OsEvent {
    /// The reason sent to the UI on the lock channel.
    pub fn reason(self) -> &'static str {
        match self {
            OsEvent::Sleep => "sleep",
            OsEvent::ScreenLock => "screen-lock",
        }
    }
}

/// Start listening to the operating system (Linux: on a thread of its own). Returns at once.
pub fn start<R: Runtime>(app: &AppHandle<R>) {
    #[cfg(target_os = "linux")]
    {
        let app = app.clone();
        let spawned = std::thread::Builder::new()
            .name("os-lock".into())
            .spawn(move || {
                let title_app = app.clone();
                linux::watch(
                    move |event| lock_for(&app, event),
                    move || {
                        let session = title_app.state::<Session>();
                        session.recent().prefs().load().window_title().to_string()
                    },
                );
            });
        if spawned.is_err() {
            eprintln!("fieldbook: could not listen for sleep and screen lock");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}

/// Lock for `event` when the preference is on; returns once the session is locked (or at once
/// when the preference is off). Blocks for at most [`UI_GRACE`] and the lock itself.
pub fn lock_for<R: Runtime>(app: &AppHandle<R>, event: OsEvent) {
    let session = app.state::<Session>();
    if !session.recent().prefs().load().lock_on_sleep_or_screen_lock {
        return;
    }
    if lock_from_outside(app, event.reason())
        && !wait_until_locked(&session, UI_GRACE, Duration::from_millis(50))
    {
        // The UI was asked but has not locked: do it here. Locking a locked session is fine, so a
        // late `vault_lock` from the UI does no harm.
        let _ = session.lock();
    }
}

/// Poll until no vault is open; false when `grace` passed first.
fn wait_until_locked(session: &Session, grace: Duration, every: Duration) -> bool {
    let deadline = Instant::now() + grace;
    loop {
        if !is_open(session) {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(every);
    }
}

fn is_open(session: &Session) -> bool {
    session.with_vault(|_| Ok(())).is_ok()
}

#[cfg(target_os = "linux")]
mod linux {
    use super::OsEvent;
    use gio::glib::{self, Variant, VariantDict, VariantTy};
    use gio::prelude::*;
    use gio::{
        Cancellable, DBusCallFlags, DBusConnection, DBusConnectionFlags, DBusMessage,
        DBusMessageType, DBusSendMessageFlags, DBusSignalFlags, UnixFDList,
    };
    use std::cell::RefCell;
    use std::path::Path;
    use std::rc::Rc;

    const LOGIN1: &str = "org.freedesktop.login1";
    const LOGIN1_PATH: &str = "/org/freedesktop/login1";
    const LOGIN1_MANAGER: &str = "org.freedesktop.login1.Manager";
    const LOGIN1_SESSION: &str = "org.freedesktop.login1.Session";
    const PROPERTIES: &str = "org.freedesktop.DBus.Properties";
    /// Each owns the name it emits from; `ActiveChanged(b)` on the interface of the same name.
    const SCREEN_SAVERS: [&str; 5] = [
        "org.freedesktop.ScreenSaver",
        "org.gnome.ScreenSaver",
        "org.mate.ScreenSaver",
        "org.cinnamon.ScreenSaver",
        "org.xfce.ScreenSaver",
    ];
    /// Where the system bus is when `DBUS_SYSTEM_BUS_ADDRESS` does not say (the D-Bus default).
    const SYSTEM_BUS_SOCKET: &str = "/var/run/dbus/system_bus_socket";
    const CALL_TIMEOUT_MS: i32 = 5_000;

    /// Connect to the buses, subscribe, and run this thread's main loop for good. Returns only
    /// when no bus could be used.
    pub(super) fn watch(on_event: impl Fn(OsEvent) + 'static, who: impl Fn() -> String + 'static) {
        let context = glib::MainContext::new();
        let on_event: Rc<dyn Fn(OsEvent)> = Rc::new(on_event);
        let result = context.with_thread_default(|| {
            // Both kept alive (with their subscriptions) while the loop runs.
            let system = system_bus(on_event.clone(), Box::new(who));
            let session = session_bus(on_event.clone());
            if system.is_none() && session.is_none() {
                return;
            }
            glib::MainLoop::new(Some(&context), false).run();
        });
        if result.is_err() {
            eprintln!("fieldbook: could not listen for sleep and screen lock");
        }
    }

    /// The bus address from the environment variable, else the socket when it exists.
    pub(super) fn bus_address(env: Option<String>, socket: Option<&Path>) -> Option<String> {
        match env {
            Some(address) if !address.trim().is_empty() => Some(address),
            _ => socket.filter(|p| p.exists()).and_then(|p| {
                p.to_str()
                    .map(|s| format!("unix:path={}", gio::dbus_address_escape_value(s)))
            }),
        }
    }

    fn connect(address: &str, which: &str) -> Option<DBusConnection> {
        let flags = DBusConnectionFlags::AUTHENTICATION_CLIENT
            | DBusConnectionFlags::MESSAGE_BUS_CONNECTION;
        match DBusConnection::for_address_sync(address, flags, None, Cancellable::NONE) {
            Ok(conn) => {
                // A bus that goes away must not take the app with it.
                conn.set_exit_on_close(false);
                Some(conn)
            }
            Err(_) => {
                bus_missing(which);
                None
            }
        }
    }

    fn bus_missing(which: &str) {
        eprintln!(
            "fieldbook: no {which} bus; the vault will not lock as the {} (the idle lock still applies)",
            if which == "system" {
                "computer goes to sleep"
            } else {
                "screen locks"
            }
        );
    }

    // ---------------------------------------------------------------- the system bus (logind)

    /// logind as seen from here: the connection, this process's session, the sleep inhibitor.
    struct Logind {
        conn: DBusConnection,
        /// The object path of this process's session, when logind told us.
        own_session: Option<String>,
        /// This process's user id (the fallback when our session is not known).
        uid: Option<u32>,
        /// The "delay" sleep inhibitor: logind waits until its file descriptor is closed, which
        /// dropping the list does.
        inhibitor: RefCell<Option<UnixFDList>>,
        who: Box<dyn Fn() -> String>,
    }

    fn system_bus(
        on_event: Rc<dyn Fn(OsEvent)>,
        who: Box<dyn Fn() -> String>,
    ) -> Option<Rc<Logind>> {
        let env = std::env::var("DBUS_SYSTEM_BUS_ADDRESS").ok();
        let Some(address) = bus_address(env, Some(Path::new(SYSTEM_BUS_SOCKET))) else {
            bus_missing("system");
            return None;
        };
        let conn = connect(&address, "system")?;
        let own_session = own_session(&conn);
        let logind = Rc::new(Logind {
            conn: conn.clone(),
            own_session,
            uid: own_uid(),
            inhibitor: RefCell::new(None),
            who,
        });

        let (l, ev) = (logind.clone(), on_event.clone());
        conn.signal_subscribe(
            Some(LOGIN1),
            Some(LOGIN1_MANAGER),
            Some("PrepareForSleep"),
            Some(LOGIN1_PATH),
            None,
            DBusSignalFlags::NONE,
            move |_, _, _, _, _, params| match first_bool(params) {
                Some(true) => {
                    ev(OsEvent::Sleep);
                    // Locked (or the preference is off): let the computer sleep.
                    l.release_inhibitor();
                }
                Some(false) => l.take_inhibitor(),
                None => {}
            },
        );

        let (l, ev) = (logind.clone(), on_event.clone());
        conn.signal_subscribe(
            Some(LOGIN1),
            Some(LOGIN1_SESSION),
            Some("Lock"),
            None,
            None,
            DBusSignalFlags::NONE,
            move |_, _, path, _, _, _| {
                if l.is_ours(path) {
                    ev(OsEvent::ScreenLock);
                }
            },
        );

        let (l, ev) = (logind.clone(), on_event);
        conn.signal_subscribe(
            Some(LOGIN1),
            Some(PROPERTIES),
            Some("PropertiesChanged"),
            None,
            Some(LOGIN1_SESSION),
            DBusSignalFlags::NONE,
            move |_, _, path, _, _, params| {
                if locked_hint_set(params) && l.is_ours(path) {
                    ev(OsEvent::ScreenLock);
                }
            },
        );

        logind.take_inhibitor();
        Some(logind)
    }

    /// This process's logind session: "auto" is the caller's session, or its user's graphical
    /// session when the caller has none; older logind only knows sessions by PID.
    fn own_session(conn: &DBusConnection) -> Option<String> {
        let by_name = call(conn, "GetSession", &("auto",).to_variant());
        by_name
            .or_else(|| call(conn, "GetSessionByPID", &(std::process::id(),).to_variant()))
            .and_then(|reply| reply.try_child_value(0))
            .and_then(|path| path.str().map(str::to_owned))
    }

    fn call(conn: &DBusConnection, method: &str, args: &Variant) -> Option<Variant> {
        conn.call_sync(
            Some(LOGIN1),
            LOGIN1_PATH,
            LOGIN1_MANAGER,
            method,
            Some(args),
            VariantTy::new("(o)").ok(),
            DBusCallFlags::NONE,
            CALL_TIMEOUT_MS,
            Cancellable::NONE,
        )
        .ok()
    }

    fn own_uid() -> Option<u32> {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata("/proc/self").ok().map(|m| m.uid())
    }

    impl Logind {
        /// Is the session at `path` ours (or, when ours is not known, this user's)?
        fn is_ours(&self, path: &str) -> bool {
            session_matches(self.own_session.as_deref(), path, self.uid, || {
                self.session_uid(path)
            })
        }

        /// The user id a session belongs to (its `User` property, `(uo)`).
        fn session_uid(&self, path: &str) -> Option<u32> {
            let reply = self
                .conn
                .call_sync(
                    Some(LOGIN1),
                    path,
                    PROPERTIES,
                    "Get",
                    Some(&(LOGIN1_SESSION, "User").to_variant()),
                    VariantTy::new("(v)").ok(),
                    DBusCallFlags::NONE,
                    CALL_TIMEOUT_MS,
                    Cancellable::NONE,
                )
                .ok()?;
            reply
                .try_child_value(0)?
                .as_variant()?
                .try_child_get::<u32>(0)
                .ok()
                .flatten()
        }

        /// Ask logind to wait for us before sleeping. Best effort: without it (no permission, an
        /// old logind) the vault still locks on `PrepareForSleep`, only without a head start.
        fn take_inhibitor(&self) {
            if self.inhibitor.borrow().is_some() {
                return;
            }
            let who = (self.who)();
            let message = DBusMessage::new_method_call(
                Some(LOGIN1),
                LOGIN1_PATH,
                Some(LOGIN1_MANAGER),
                "Inhibit",
            );
            message.set_body(
                &(
                    "sleep",
                    who.as_str(),
                    "Lock the open notebook before sleeping",
                    "delay",
                )
                    .to_variant(),
            );
            // Built by hand rather than with call_with_unix_fd_list_sync: its binding in gio 0.18
            // assumes the reply carries a file descriptor list, and a reply without one is not
            // ours to trust.
            let reply = self.conn.send_message_with_reply_sync(
                &message,
                DBusSendMessageFlags::NONE,
                CALL_TIMEOUT_MS,
                Cancellable::NONE,
            );
            if let Ok((reply, _)) = reply {
                // (Not `to_gerror`: its binding in gio 0.18 asserts on every reply that is not
                // an error.)
                if reply.message_type() == DBusMessageType::MethodReturn {
                    if let Some(fds) = reply.unix_fd_list().filter(|l| l.length() > 0) {
                        *self.inhibitor.borrow_mut() = Some(fds);
                    }
                }
            }
        }

        fn release_inhibitor(&self) {
            // The last reference: the list closes its descriptors, and logind lets sleep go on.
            self.inhibitor.borrow_mut().take();
        }
    }

    /// Whether a signal from the session at `path` concerns us: our own session when logind told
    /// us which it is; otherwise a session of this user, or any session when its user cannot be
    /// read (locking is the safe mistake).
    pub(super) fn session_matches(
        own: Option<&str>,
        path: &str,
        my_uid: Option<u32>,
        owner_of: impl FnOnce() -> Option<u32>,
    ) -> bool {
        match own {
            Some(own) => own == path,
            None => match (my_uid, owner_of()) {
                (Some(me), Some(owner)) => me == owner,
                _ => true,
            },
        }
    }

    /// The first argument when it is a boolean (`PrepareForSleep(b)`, `ActiveChanged(b)`).
    pub(super) fn first_bool(params: &Variant) -> Option<bool> {
        params.try_child_get::<bool>(0).ok().flatten()
    }

    /// `PropertiesChanged(s a{sv} as)` on a session, with `LockedHint` now true.
    pub(super) fn locked_hint_set(params: &Variant) -> bool {
        if params.try_child_get::<String>(0).ok().flatten().as_deref() != Some(LOGIN1_SESSION) {
            return false;
        }
        let Some(changed) = params.try_child_value(1) else {
            return false;
        };
        if !changed.is_type(VariantTy::VARDICT) {
            return false;
        }
        VariantDict::new(Some(&changed))
            .lookup::<bool>("LockedHint")
            .ok()
            .flatten()
            == Some(true)
    }

    // ---------------------------------------------------------------- the session bus

    fn session_bus(on_event: Rc<dyn Fn(OsEvent)>) -> Option<DBusConnection> {
        let env = std::env::var("DBUS_SESSION_BUS_ADDRESS").ok();
        // The per-user bus of systemd, where the variable is not set; never an autolaunched one.
        let socket = std::env::var_os("XDG_RUNTIME_DIR").map(|dir| Path::new(&dir).join("bus"));
        let Some(address) = bus_address(env, socket.as_deref()) else {
            bus_missing("session");
            return None;
        };
        let conn = connect(&address, "session")?;
        for name in SCREEN_SAVERS {
            let ev = on_event.clone();
            conn.signal_subscribe(
                Some(name),
                Some(name),
                Some("ActiveChanged"),
                None,
                None,
                DBusSignalFlags::NONE,
                move |_, _, _, _, _, params| {
                    if first_bool(params) == Some(true) {
                        ev(OsEvent::ScreenLock);
                    }
                },
            );
        }
        Some(conn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_the_ones_the_ui_hears() {
        assert_eq!(OsEvent::Sleep.reason(), "sleep");
        assert_eq!(OsEvent::ScreenLock.reason(), "screen-lock");
    }

    /// A real vault in a fresh folder, opened in a session.
    fn open_session(tag: &str) -> (Session, std::path::PathBuf) {
        use fieldbook::api::CreateVaultRequest;
        use fieldbook::recent::RecentList;
        use fieldbook::vault::Kdf;
        let dir =
            std::env::temp_dir().join(format!("fieldbook-os-lock-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let session =
            Session::new(RecentList::at(dir.join("recent.json"))).with_kdf(Kdf::Fixed(18));
        session
            .create(CreateVaultRequest {
                folder: dir.display().to_string(),
                name: "OS lock".into(),
                passphrase: fieldbook::SecretString::from("violet tractor molasses 42 harbor"),
                with_recovery_key: false,
            })
            .unwrap();
        (session, dir)
    }

    #[test]
    fn waiting_for_the_ui_ends_when_the_vault_closes_or_the_grace_runs_out() {
        let (session, dir) = open_session("wait");
        assert!(is_open(&session));

        // Nobody locks: false once the grace is over, not before.
        let start = Instant::now();
        assert!(!wait_until_locked(
            &session,
            Duration::from_millis(300),
            Duration::from_millis(20)
        ));
        assert!(start.elapsed() >= Duration::from_millis(300));
        assert!(is_open(&session));

        // The "UI" locks from another thread after 200 ms: true as soon as it did.
        let start = Instant::now();
        std::thread::scope(|scope| {
            scope.spawn(|| {
                std::thread::sleep(Duration::from_millis(200));
                session.lock().unwrap();
            });
            assert!(wait_until_locked(
                &session,
                Duration::from_secs(5),
                Duration::from_millis(20)
            ));
        });
        let waited = start.elapsed();
        assert!(
            waited >= Duration::from_millis(200) && waited < Duration::from_secs(4),
            "{waited:?}"
        );
        assert!(!is_open(&session));

        // Already locked: at once.
        let start = Instant::now();
        assert!(wait_until_locked(
            &session,
            Duration::from_secs(5),
            Duration::from_millis(20)
        ));
        assert!(start.elapsed() < Duration::from_secs(1));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(target_os = "linux")]
    mod linux_parts {
        use super::super::linux::*;
        use gio::glib::{ToVariant, Variant, VariantDict};
        use std::collections::HashMap;

        #[test]
        fn bus_address_prefers_the_variable_and_never_invents_one() {
            let dir =
                std::env::temp_dir().join(format!("fieldbook-os-lock-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let sock = dir.join("bus");
            assert_eq!(
                bus_address(Some("unix:path=/x".into()), Some(&sock)).as_deref(),
                Some("unix:path=/x")
            );
            // No variable and no socket: no bus (no autolaunch).
            assert_eq!(bus_address(None, Some(&sock)), None);
            assert_eq!(bus_address(Some("  ".into()), Some(&sock)), None);
            assert_eq!(bus_address(None, None), None);
            std::fs::write(&sock, b"").unwrap();
            let addr = bus_address(None, Some(&sock)).unwrap();
            assert_eq!(addr, format!("unix:path={}", sock.display()));
            // Characters D-Bus addresses reserve are escaped.
            let odd = dir.join("a,b;c=d");
            std::fs::write(&odd, b"").unwrap();
            let addr = bus_address(None, Some(&odd)).unwrap();
            std::fs::remove_dir_all(&dir).unwrap();
            assert!(addr.to_lowercase().ends_with("a%2cb%3bc%3dd"), "{addr}");
        }

        #[test]
        fn only_our_session_counts_when_it_is_known() {
            let ours = "/org/freedesktop/login1/session/_32";
            let never = || -> Option<u32> { panic!("no need to ask logind") };
            assert!(session_matches(Some(ours), ours, Some(1000), never));
            assert!(!session_matches(
                Some(ours),
                "/org/freedesktop/login1/session/_33",
                Some(1000),
                never
            ));
            // Unknown: this user's sessions, not another user's; unreadable owner → lock.
            assert!(session_matches(None, "/s/1", Some(1000), || Some(1000)));
            assert!(!session_matches(None, "/s/1", Some(1000), || Some(1001)));
            assert!(session_matches(None, "/s/1", Some(1000), || None));
            assert!(session_matches(None, "/s/1", None, || Some(1001)));
        }

        #[test]
        fn signal_arguments_are_read_strictly() {
            assert_eq!(first_bool(&(true,).to_variant()), Some(true));
            assert_eq!(first_bool(&(false,).to_variant()), Some(false));
            assert_eq!(first_bool(&("true",).to_variant()), None);
            assert_eq!(first_bool(&(1u32,).to_variant()), None);
            assert_eq!(first_bool(&().to_variant()), None);
            assert_eq!(first_bool(&true.to_variant()), None);
        }

        fn changed(iface: &str, props: &[(&str, Variant)]) -> Variant {
            let dict = VariantDict::new(None);
            for (k, v) in props {
                dict.insert_value(k, v);
            }
            let invalidated: Vec<String> = Vec::new();
            // `(s a{sv} as)`, as logind sends it (a tuple of Rust values would box the dict as `v`).
            Variant::tuple_from_iter([iface.to_variant(), dict.end(), invalidated.to_variant()])
        }

        #[test]
        fn locked_hint_true_on_a_session_is_a_screen_lock() {
            let session = "org.freedesktop.login1.Session";
            assert!(locked_hint_set(&changed(
                session,
                &[("LockedHint", true.to_variant())]
            )));
            assert!(locked_hint_set(&changed(
                session,
                &[
                    ("Active", false.to_variant()),
                    ("LockedHint", true.to_variant())
                ]
            )));
            assert!(!locked_hint_set(&changed(
                session,
                &[("LockedHint", false.to_variant())]
            )));
            assert!(!locked_hint_set(&changed(
                session,
                &[("Active", true.to_variant())]
            )));
            assert!(!locked_hint_set(&changed(
                session,
                &[("LockedHint", "yes".to_variant())]
            )));
            assert!(!locked_hint_set(&changed(
                "org.freedesktop.login1.User",
                &[("LockedHint", true.to_variant())]
            )));
            let not_a_dict: HashMap<String, String> = HashMap::new();
            assert!(!locked_hint_set(&(session, not_a_dict).to_variant()));
            // The dict boxed in a variant (`(s v as)`) is not what logind sends: refused.
            let dict = VariantDict::new(None);
            dict.insert_value("LockedHint", &true.to_variant());
            let boxed = (session, dict.end(), Vec::<String>::new()).to_variant();
            assert!(!locked_hint_set(&boxed));
            assert!(!locked_hint_set(&(session,).to_variant()));
        }
    }
}
