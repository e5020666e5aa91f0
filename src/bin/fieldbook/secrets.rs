//! Reading passphrases and recovery keys: from a terminal prompt (no echo) or from standard
//! input, one per line. Never from argv or the environment.

use fieldbook::strength;
use fieldbook::{Error, ExposeSecret, SecretString};
use std::io::BufRead;
use zeroize::Zeroizing;

#[derive(Default)]
pub struct SecretSource {
    stdin: Option<std::io::StdinLock<'static>>,
}

impl SecretSource {
    /// The next line of standard input as a secret (`what` names it in errors).
    pub fn stdin_line(&mut self, what: &str) -> Result<SecretString, Error> {
        let stdin = self.stdin.get_or_insert_with(|| std::io::stdin().lock());
        let mut line = Zeroizing::new(String::new());
        let n = stdin
            .read_line(&mut line)
            .map_err(|e| Error::io("read", "standard input", e))?;
        if n == 0 {
            return Err(Error::InvalidInput(format!(
                "Expected the {what} on standard input."
            )));
        }
        let trimmed = line.trim_end_matches(['\r', '\n']);
        Ok(SecretString::from(trimmed.to_string()))
    }

    fn prompt(&self, prompt: &str) -> Result<SecretString, Error> {
        rpassword::prompt_password(prompt)
            .map(SecretString::from)
            .map_err(|e| Error::io("read", "the terminal", e))
    }

    /// An existing passphrase.
    pub fn get(&mut self, prompt: &str, from_stdin: bool) -> Result<SecretString, Error> {
        if from_stdin {
            self.stdin_line("passphrase")
        } else {
            self.prompt(prompt)
        }
    }

    /// A new passphrase: on a terminal it is asked twice, with the strength shown.
    pub fn new_passphrase(&mut self, from_stdin: bool) -> Result<SecretString, Error> {
        if from_stdin {
            return self.stdin_line("new passphrase");
        }
        loop {
            let first = self.prompt("New passphrase: ")?;
            let s = strength::estimate(&first);
            if !s.acceptable {
                eprintln!(
                    "Too weak (score {}/4). {}",
                    s.score,
                    s.warning
                        .or_else(|| s.suggestions.first().cloned())
                        .unwrap_or_default()
                );
                continue;
            }
            let again = self.prompt("Repeat the passphrase: ")?;
            if first.expose_secret() == again.expose_secret() {
                return Ok(first);
            }
            eprintln!("The two passphrases differ; try again.");
        }
    }
}
