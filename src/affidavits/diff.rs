//! A readable diff between two versions: the numbered paragraphs aligned (added, removed,
//! changed, same), word-level changes inside a changed paragraph, and the other fields (the
//! affiant's details, the witnesses, the language) as before/after pairs.

use super::model::{
    AffidavitContent, AffidavitDiff, AffidavitWitness, DiffKind, FieldDiff, ParagraphDiff, WordSpan,
};
use similar::{capture_diff_slices, Algorithm, ChangeTag, DiffOp, TextDiff};

/// Two paragraphs at least this similar (share of words in common) are one paragraph changed;
/// below it, one was removed and another added.
const SAME_PARAGRAPH: f32 = 0.4;

fn whole(kind: DiffKind, text: &str) -> Vec<WordSpan> {
    vec![WordSpan {
        kind,
        text: text.to_string(),
    }]
}

/// The share of words two paragraphs have in common, in order (0–1; whitespace not counted).
fn similarity(a: &str, b: &str) -> f32 {
    let a: Vec<&str> = a.split_whitespace().collect();
    let b: Vec<&str> = b.split_whitespace().collect();
    similar::diff_ratio(
        &capture_diff_slices(Algorithm::Myers, &a, &b),
        a.len(),
        b.len(),
    )
}

/// Word-level spans of a changed paragraph: consecutive words with the same fate are one span.
pub fn word_spans(old: &str, new: &str) -> Vec<WordSpan> {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .diff_words(old, new);
    let mut spans: Vec<WordSpan> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => DiffKind::Same,
            ChangeTag::Delete => DiffKind::Removed,
            ChangeTag::Insert => DiffKind::Added,
        };
        match spans.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(change.value()),
            _ => spans.push(WordSpan {
                kind,
                text: change.value().to_string(),
            }),
        }
    }
    group(spans)
}

/// Read changes a phrase at a time: changed words separated only by spaces become one removed
/// span and one added span ("at [-about 11 am,-]{+12:20 pm,+}" rather than word by word). The
/// spaces go to both sides, so each side still joins back to its text.
fn group(spans: Vec<WordSpan>) -> Vec<WordSpan> {
    let changed = |s: &WordSpan| s.kind != DiffKind::Same;
    let bridge = |s: &WordSpan| s.kind == DiffKind::Same && s.text.trim().is_empty();
    let mut out = Vec::new();
    let mut i = 0;
    while i < spans.len() {
        if !changed(&spans[i]) {
            out.push(spans[i].clone());
            i += 1;
            continue;
        }
        let (mut removed, mut added) = (String::new(), String::new());
        let mut j = i;
        while j < spans.len() {
            let s = &spans[j];
            if changed(s) || (bridge(s) && spans.get(j + 1).is_some_and(changed)) {
                if s.kind != DiffKind::Added {
                    removed.push_str(&s.text);
                }
                if s.kind != DiffKind::Removed {
                    added.push_str(&s.text);
                }
                j += 1;
            } else {
                break;
            }
        }
        for (kind, text) in [(DiffKind::Removed, removed), (DiffKind::Added, added)] {
            if !text.is_empty() {
                out.push(WordSpan { kind, text });
            }
        }
        i = j;
    }
    out
}

struct Builder {
    out: Vec<ParagraphDiff>,
}

impl Builder {
    fn same(&mut self, i: usize, j: usize, text: &str) {
        self.out.push(ParagraphDiff {
            kind: DiffKind::Same,
            from_number: Some(i as u32 + 1),
            to_number: Some(j as u32 + 1),
            spans: whole(DiffKind::Same, text),
        });
    }
    fn removed(&mut self, i: usize, text: &str) {
        self.out.push(ParagraphDiff {
            kind: DiffKind::Removed,
            from_number: Some(i as u32 + 1),
            to_number: None,
            spans: whole(DiffKind::Removed, text),
        });
    }
    fn added(&mut self, j: usize, text: &str) {
        self.out.push(ParagraphDiff {
            kind: DiffKind::Added,
            from_number: None,
            to_number: Some(j as u32 + 1),
            spans: whole(DiffKind::Added, text),
        });
    }
    fn changed(&mut self, i: usize, j: usize, old: &str, new: &str) {
        self.out.push(ParagraphDiff {
            kind: DiffKind::Changed,
            from_number: Some(i as u32 + 1),
            to_number: Some(j as u32 + 1),
            spans: word_spans(old, new),
        });
    }
}

/// Pair the paragraphs of a replaced block: in order, a pair similar enough is one paragraph
/// changed; otherwise the one that has a better match further on is kept for it.
fn align_block(b: &mut Builder, old: &[&str], oi: usize, new: &[&str], nj: usize) {
    let (mut i, mut j) = (0, 0);
    while i < old.len() && j < new.len() {
        if similarity(old[i], new[j]) >= SAME_PARAGRAPH {
            b.changed(oi + i, nj + j, old[i], new[j]);
            i += 1;
            j += 1;
        } else if i + 1 < old.len() && similarity(old[i + 1], new[j]) >= SAME_PARAGRAPH {
            b.removed(oi + i, old[i]);
            i += 1;
        } else if j + 1 < new.len() && similarity(old[i], new[j + 1]) >= SAME_PARAGRAPH {
            b.added(nj + j, new[j]);
            j += 1;
        } else {
            b.removed(oi + i, old[i]);
            b.added(nj + j, new[j]);
            i += 1;
            j += 1;
        }
    }
    for (k, p) in old.iter().enumerate().skip(i) {
        b.removed(oi + k, p);
    }
    for (k, p) in new.iter().enumerate().skip(j) {
        b.added(nj + k, p);
    }
}

/// The paragraphs of `old` and `new` aligned, in reading order.
pub fn paragraphs(old: &[String], new: &[String]) -> Vec<ParagraphDiff> {
    let old: Vec<&str> = old.iter().map(String::as_str).collect();
    let new: Vec<&str> = new.iter().map(String::as_str).collect();
    let mut b = Builder { out: Vec::new() };
    for op in capture_diff_slices(Algorithm::Patience, &old, &new) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for k in 0..len {
                    b.same(old_index + k, new_index + k, old[old_index + k]);
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                for (k, p) in old.iter().enumerate().skip(old_index).take(old_len) {
                    b.removed(k, p);
                }
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                for (k, p) in new.iter().enumerate().skip(new_index).take(new_len) {
                    b.added(k, p);
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => align_block(
                &mut b,
                &old[old_index..old_index + old_len],
                old_index,
                &new[new_index..new_index + new_len],
                new_index,
            ),
        }
    }
    b.out
}

fn witnesses_text(ws: &[AffidavitWitness]) -> String {
    ws.iter()
        .map(|w| {
            if w.details.is_empty() {
                w.name.clone()
            } else {
                format!("{} ({})", w.name, w.details)
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The fields outside the paragraphs that differ.
pub fn fields(old: &AffidavitContent, new: &AffidavitContent) -> Vec<FieldDiff> {
    let (a, b) = (&old.affiant, &new.affiant);
    let yes_no = |v: bool| if v { "yes" } else { "no" }.to_string();
    let pairs: [(&str, String, String); 12] = [
        (
            "language",
            old.language.as_str().into(),
            new.language.as_str().into(),
        ),
        ("affiant.name", a.name.clone(), b.name.clone()),
        (
            "affiant.alsoKnownAs",
            a.also_known_as.join("; "),
            b.also_known_as.join("; "),
        ),
        ("affiant.jobTitle", a.job_title.clone(), b.job_title.clone()),
        (
            "affiant.department",
            a.department.clone(),
            b.department.clone(),
        ),
        ("affiant.shift", a.shift.clone(), b.shift.clone()),
        (
            "affiant.employedSince",
            a.employed_since.clone().unwrap_or_default(),
            b.employed_since.clone().unwrap_or_default(),
        ),
        (
            "affiant.contactInsteadOfAddress",
            yes_no(a.contact_instead_of_address),
            yes_no(b.contact_instead_of_address),
        ),
        ("affiant.address", a.address.clone(), b.address.clone()),
        ("affiant.phone", a.phone.clone(), b.phone.clone()),
        ("affiant.email", a.email.clone(), b.email.clone()),
        (
            "witnesses",
            witnesses_text(&old.witnesses),
            witnesses_text(&new.witnesses),
        ),
    ];
    pairs
        .into_iter()
        .filter(|(_, before, after)| before != after)
        .map(|(field, before, after)| FieldDiff {
            field: field.into(),
            before,
            after,
        })
        .collect()
}

/// The whole diff of version `from` → `to` of draft `affidavit_id`.
pub fn diff(
    affidavit_id: i64,
    from: (u32, &AffidavitContent),
    to: (u32, &AffidavitContent),
) -> AffidavitDiff {
    let paragraphs = paragraphs(&from.1.paragraphs, &to.1.paragraphs);
    let count = |k: DiffKind| paragraphs.iter().filter(|p| p.kind == k).count() as u32;
    AffidavitDiff {
        affidavit_id,
        from: from.0,
        to: to.0,
        added: count(DiffKind::Added),
        removed: count(DiffKind::Removed),
        changed: count(DiffKind::Changed),
        fields: fields(from.1, to.1),
        paragraphs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    fn kinds(d: &[ParagraphDiff]) -> Vec<(DiffKind, Option<u32>, Option<u32>)> {
        d.iter()
            .map(|p| (p.kind, p.from_number, p.to_number))
            .collect()
    }

    #[test]
    fn paragraphs_are_aligned_and_words_marked() {
        let old = s(&[
            "I work nights in Picking.",
            "On April 26 at about 10:00 pm Greg Hollis asked me about the union meeting.",
            "I told him I did not want to talk about it.",
        ]);
        let new = s(&[
            "I work nights in Picking.",
            "On April 26 at about 10:15 pm Greg Hollis asked me about the union meeting at the Denny's.",
            "Tamika Johnson was restocking totes nearby and heard him.",
            "I told him I did not want to talk about it.",
        ]);
        let d = paragraphs(&old, &new);
        use DiffKind::*;
        assert_eq!(
            kinds(&d),
            [
                (Same, Some(1), Some(1)),
                (Changed, Some(2), Some(2)),
                (Added, None, Some(3)),
                (Same, Some(3), Some(4)),
            ]
        );
        let spans = &d[1].spans;
        let removed: Vec<&str> = spans
            .iter()
            .filter(|s| s.kind == Removed)
            .map(|s| s.text.as_str())
            .collect();
        let added: String = spans
            .iter()
            .filter(|s| s.kind == Added)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(removed, ["10:00", "meeting."]);
        assert!(
            added.contains("10:15") && added.contains("Denny's"),
            "{added}"
        );
        // The spans put together give back each side.
        let side = |k: DiffKind| -> String {
            spans
                .iter()
                .filter(|s| s.kind == Same || s.kind == k)
                .map(|s| s.text.as_str())
                .collect()
        };
        assert_eq!(side(Removed), old[1]);
        assert_eq!(side(Added), new[1]);
    }

    #[test]
    fn neighbouring_word_changes_read_as_one_phrase() {
        let spans = word_spans(
            "On June 2, at about 11 am, Phúc came up to me.",
            "On June 2, at 12:20 pm, Phúc came up to me.",
        );
        let show: Vec<(DiffKind, &str)> = spans.iter().map(|s| (s.kind, s.text.as_str())).collect();
        assert_eq!(
            show,
            [
                (DiffKind::Same, "On June 2, at "),
                (DiffKind::Removed, "about 11 am,"),
                (DiffKind::Added, "12:20 pm,"),
                (DiffKind::Same, " Phúc came up to me."),
            ]
        );
    }

    #[test]
    fn unrelated_paragraphs_are_removed_and_added() {
        let d = paragraphs(
            &s(&["Alpha beta gamma delta."]),
            &s(&["Something else entirely here."]),
        );
        assert_eq!(
            kinds(&d),
            [
                (DiffKind::Removed, Some(1), None),
                (DiffKind::Added, None, Some(1))
            ]
        );
    }
}
