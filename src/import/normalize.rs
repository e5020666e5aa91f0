//! Normalized forms used to match people across lists: names, phone numbers, emails, and the
//! work-email check. Reconciliation compares these forms, never the text as typed.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Name suffixes kept at the end when a "Last, First" name is reordered.
const NAME_SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv", "v"];

/// Lowercase ASCII-folded text: compatibility decomposition (NFKD), accents (combining marks)
/// dropped, lowercased. "Peña Ñúñez" → "pena nunez". Punctuation is kept.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        // NFKD leaves ASCII as it is and no ASCII character is a combining mark.
        return s.to_ascii_lowercase();
    }
    s.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// An apostrophe inside a word ("O'Brien", "D’Angelo"): dropped, the word goes on.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '`' | 'ʼ')
}

/// The words of one comma-separated part of a name (see [`words`]), appended to `out` with a
/// space before each one when `out` is not empty. One pass, no intermediate strings for ASCII.
fn push_words(out: &mut String, s: &str) {
    let mut in_word = false;
    let mut push = |c: char, out: &mut String| {
        if c.is_alphanumeric() {
            if !in_word && !out.is_empty() {
                out.push(' ');
            }
            in_word = true;
            out.push(c);
        } else if is_apostrophe(c) {
            // Part of the word.
        } else {
            in_word = false;
        }
    };
    if s.is_ascii() {
        for b in s.bytes() {
            push(b.to_ascii_lowercase() as char, out);
        }
    } else {
        for c in s
            .nfkd()
            .filter(|c| !is_combining_mark(*c))
            .flat_map(char::to_lowercase)
        {
            push(c, out);
        }
    }
}

/// Words of `s` after [`fold`]: apostrophes are removed inside words ("O'Brien" → "obrien"),
/// every other non-alphanumeric character separates words.
fn words(s: &str) -> Vec<String> {
    let folded = fold(s);
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in folded.chars() {
        if c.is_alphanumeric() {
            cur.push(c);
        } else if is_apostrophe(c) {
            // Part of the word: O'Brien, D’Angelo.
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The form of a person's name used for matching: lowercase, accents removed (NFKD), punctuation
/// removed (apostrophes joined, hyphens and dots become spaces), whitespace collapsed, and
/// "Last, First" reordered to "first last" (suffixes such as "Jr." stay last).
///
/// `"García-López, María José"` → `"maria jose garcia lopez"`; `"O'Brien, Pat Jr."` and
/// `"Pat O'Brien Jr"` → `"pat obrien jr"`.
pub fn normalize_name(s: &str) -> String {
    let mut first = String::with_capacity(s.len());
    let Some((head, tail)) = s.split_once(',') else {
        // No comma (most lists): the words in order.
        push_words(&mut first, s);
        return first;
    };
    // Each part as its words joined by spaces; empty parts dropped.
    push_words(&mut first, head);
    let mut parts: Vec<String> = vec![first];
    for p in tail.split(',') {
        let mut w = String::new();
        push_words(&mut w, p);
        parts.push(w);
    }
    parts.retain(|p| !p.is_empty());
    let is_suffix = |p: &String| !p.contains(' ') && NAME_SUFFIXES.contains(&p.as_str());
    let (suffixes, rest): (Vec<String>, Vec<String>) = parts.into_iter().partition(is_suffix);
    let mut ordered: Vec<&str> = Vec::with_capacity(rest.len() + suffixes.len());
    if rest.len() >= 2 {
        // "Last, First [Middle]": everything after the first comma comes first.
        ordered.extend(rest[1..].iter().map(String::as_str));
        ordered.push(&rest[0]);
    } else {
        ordered.extend(rest.iter().map(String::as_str));
    }
    ordered.extend(suffixes.iter().map(String::as_str));
    ordered.join(" ")
}

/// The form of a phone number used for matching: digits only, an extension ("x12", "ext. 12",
/// "#12") dropped, and a US number written with its country code ("+1 555 123 4567",
/// "1-555-123-4567") reduced to its 10 digits. Other international numbers keep their country
/// code. Returns an empty string when there is no digit.
pub fn normalize_phone(s: &str) -> String {
    let mut digits = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else if !digits.is_empty() && (c.is_alphabetic() || c == '#') {
            break; // an extension: "555-1234 x12", "ext. 12", "#12"
        }
    }
    if digits.len() == 11 && digits.starts_with('1') {
        digits.remove(0);
    }
    digits
}

/// The form of an email address used for storing and matching: trimmed, lowercased, without a
/// `mailto:` prefix or surrounding `<>`. `None` if it is not a plausible address (one `@`, a
/// non-empty local part, a domain with a dot and no empty label, no spaces).
pub fn normalize_email(s: &str) -> Option<String> {
    let mut e = s
        .trim()
        .trim_matches(|c| c == '<' || c == '>')
        .to_lowercase();
    if let Some(rest) = e.strip_prefix("mailto:") {
        e = rest.to_string();
    }
    let (local, domain) = e.split_once('@')?;
    let valid = !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && !e
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "\"(),:;<>[\\]".contains(c));
    valid.then_some(e)
}

/// An employer domain as typed by the user ("@Acme.com", "https://www.acme.com/") in its bare
/// lowercase form ("acme.com"); empty if nothing is left.
fn clean_domain(d: &str) -> String {
    let mut d = d.trim().to_lowercase();
    for prefix in ["https://", "http://", "mailto:"] {
        if let Some(rest) = d.strip_prefix(prefix) {
            d = rest.to_string();
        }
    }
    let d = d.trim_start_matches('@');
    let d = d.split('/').next().unwrap_or("");
    let d = d.strip_prefix("www.").unwrap_or(d);
    d.trim_matches('.').to_string()
}

/// True when `email` is at one of the employer's domains or a subdomain of one ("acme.com"
/// matches `maria@acme.com` and `maria@mail.acme.com`, not `maria@notacme.com`). Such addresses
/// are flagged: the employer can read them. Domains may be given as "acme.com", "@acme.com" or
/// a web address.
pub fn looks_like_work_email(email: &str, employer_domains: &[String]) -> bool {
    let email = email.trim().to_lowercase();
    let Some((_, domain)) = email.rsplit_once('@') else {
        return false;
    };
    let domain = domain.trim_end_matches(['.', '>']);
    employer_domains
        .iter()
        .map(|d| clean_domain(d))
        .filter(|d| !d.is_empty())
        .any(|d| {
            domain == d
                || domain
                    .strip_suffix(d.as_str())
                    .is_some_and(|sub| sub.ends_with('.'))
        })
}

/// Header text reduced to its words for guessing (see [`fold`]); `#` and `nº` read as "number".
pub(crate) fn header_words(s: &str) -> Vec<String> {
    words(&s.replace('#', " number ").replace(['º', '°'], " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first implementation of [`normalize_name`], kept as the reference the faster one
    /// must agree with.
    fn normalize_name_reference(s: &str) -> String {
        let parts: Vec<Vec<String>> = s.split(',').map(words).filter(|w| !w.is_empty()).collect();
        let is_suffix = |w: &Vec<String>| w.len() == 1 && NAME_SUFFIXES.contains(&w[0].as_str());
        let (suffixes, rest): (Vec<_>, Vec<_>) = parts.into_iter().partition(is_suffix);
        let mut ordered: Vec<String> = Vec::new();
        if rest.len() >= 2 {
            for p in &rest[1..] {
                ordered.extend(p.iter().cloned());
            }
            ordered.extend(rest[0].iter().cloned());
        } else {
            for p in rest {
                ordered.extend(p);
            }
        }
        for s in suffixes {
            ordered.extend(s);
        }
        ordered.join(" ")
    }

    fn fold_reference(s: &str) -> String {
        s.nfkd()
            .filter(|c| !is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .collect()
    }

    /// Random names from the characters that matter (letters with and without accents,
    /// commas, apostrophes, suffixes, odd spaces, compatibility forms): the fast paths give
    /// exactly what the reference gives.
    #[test]
    fn fast_normalize_name_agrees_with_the_reference() {
        const PIECES: &[&str] = &[
            "Ana",
            "PEÑA",
            "o'brien",
            "D’Angelo",
            "Jr.",
            "jr",
            "III",
            "v",
            ",",
            ", ",
            " ,",
            "-",
            ".",
            "  ",
            "\u{a0}",
            "\t",
            "María",
            "José",
            "Nguyễn",
            "Ǆ",
            "ﬁ",
            "Ⅻ",
            "﹐",
            "，",
            "İ",
            "ʼ",
            "`",
            "‘",
            "K",
            "\u{212a}",
            "\u{301}",
            "e\u{301}",
            "1",
            "٣",
            "ß",
            "Σ",
            "x",
            "Smith",
            "García-López",
            ";",
            "/",
            "(",
            "é",
            "Æ",
            "ø",
        ];
        let mut seed: u64 = 0xfeed;
        for _ in 0..20_000 {
            let mut s = String::new();
            let n = (seed >> 40) as usize % 8;
            for _ in 0..n {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s.push_str(PIECES[(seed >> 33) as usize % PIECES.len()]);
            }
            seed = seed.wrapping_add(0x9e3779b97f4a7c15);
            assert_eq!(normalize_name(&s), normalize_name_reference(&s), "{s:?}");
            assert_eq!(fold(&s), fold_reference(&s), "{s:?}");
        }
    }

    #[test]
    fn names_fold_accents_punctuation_and_order() {
        assert_eq!(normalize_name("  María   José  PEÑA "), "maria jose pena");
        assert_eq!(
            normalize_name("García-López, María José"),
            "maria jose garcia lopez"
        );
        assert_eq!(normalize_name("O'Brien, Pat, Jr."), "pat obrien jr");
        assert_eq!(normalize_name("Pat O’Brien Jr"), "pat obrien jr");
        assert_eq!(normalize_name("Smith Jr., John"), "john smith jr");
        assert_eq!(normalize_name("J. R. Smith"), "j r smith");
        assert_eq!(normalize_name("Nguyễn\u{a0}Văn An"), "nguyen van an");
        assert_eq!(normalize_name(""), "");
        assert_eq!(normalize_name(" , "), "");
    }

    #[test]
    fn phones_become_digits() {
        assert_eq!(normalize_phone("(555) 123-4567"), "5551234567");
        assert_eq!(normalize_phone("+1 555.123.4567"), "5551234567");
        assert_eq!(normalize_phone("1-555-123-4567 ext. 89"), "5551234567");
        assert_eq!(normalize_phone("555-123-4567 x89"), "5551234567");
        assert_eq!(normalize_phone("+52 55 1234 5678"), "525512345678");
        assert_eq!(normalize_phone("Tel: 555 1234"), "5551234");
        assert_eq!(normalize_phone("n/a"), "");
    }

    #[test]
    fn emails_are_checked_and_lowercased() {
        assert_eq!(
            normalize_email(" Maria.Pena@Example.COM ").as_deref(),
            Some("maria.pena@example.com")
        );
        assert_eq!(
            normalize_email("<mailto:a@b.co>").as_deref(),
            Some("a@b.co")
        );
        for bad in [
            "maria",
            "maria@",
            "@x.com",
            "a@b",
            "a@@b.com",
            "a b@c.com",
            "a@b..com",
        ] {
            assert_eq!(normalize_email(bad), None, "{bad}");
        }
    }

    #[test]
    fn work_emails_match_the_employer_domains() {
        let domains = vec![
            "@Acme.com".to_string(),
            "https://www.acme-logistics.net/".into(),
        ];
        assert!(looks_like_work_email("maria@acme.com", &domains));
        assert!(looks_like_work_email("Maria@Mail.ACME.com", &domains));
        assert!(looks_like_work_email("jo@acme-logistics.net", &domains));
        assert!(!looks_like_work_email("maria@notacme.com", &domains));
        assert!(!looks_like_work_email("maria@gmail.com", &domains));
        assert!(!looks_like_work_email("acme.com", &domains));
        assert!(!looks_like_work_email("maria@acme.com", &[" ".to_string()]));
    }
}
