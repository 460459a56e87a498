//! Who must verify their face, and their photos. Face verification is done by each
//! website's responsible person (filing-flow.md stage 五; for a 个人 filing, the person
//! filing). The same person, recognised as the document checklist recognises them (the
//! same certificate number, or the same name while a number is missing), is asked once.

use super::draft::{FacePhoto, Materials, Person};
use super::{Draft, Field, FieldKey, Scope};
use crate::i18n::Locale;

/// Someone who must have a face verification photo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FacePerson {
    /// What identifies the person: the normalised certificate number, else `name:` and the
    /// name, else the place they are entered (`websites[n]`, `applicant`). Their photo
    /// carries it in [`FacePhoto::person`].
    pub key: String,
    /// The person's name as entered (may be empty).
    pub name: String,
    /// The websites (from 0) they are responsible for; empty for a 个人 filing's applicant.
    pub websites: Vec<usize>,
    /// The APPs (from 0) they are responsible for.
    pub apps: Vec<usize>,
    /// The mini-programs and quick apps (from 0) they are responsible for.
    pub minis: Vec<usize>,
}

impl FacePerson {
    /// Where the issues about this person's photo are shown: the applicant's (个人) or the
    /// first of their websites' responsible person (单位).
    pub fn field(&self) -> FieldKey {
        match (self.websites.first(), self.apps.first(), self.minis.first()) {
            (Some(&i), _, _) => FieldKey::new(Scope::WebsiteResponsible(i), Field::FacePhoto),
            (None, Some(&i), _) => FieldKey::new(Scope::AppResponsible(i), Field::FacePhoto),
            (None, None, Some(&i)) => FieldKey::new(Scope::MiniResponsible(i), Field::FacePhoto),
            (None, None, None) => FieldKey::new(Scope::Subject, Field::FacePhoto),
        }
    }

    /// The person's role in `locale`: 申请人, or 网站 1、2 负责人.
    pub fn role(&self, locale: Locale) -> String {
        if self.websites.is_empty() && self.apps.is_empty() && self.minis.is_empty() {
            return crate::i18n::t(locale, "face.role.applicant").into_owned();
        }
        let separator = crate::i18n::t(locale, "face.role.separator");
        let numbers = |list: &[usize]| -> String {
            let n: Vec<String> = list.iter().map(|i| (i + 1).to_string()).collect();
            n.join(&separator)
        };
        let mut roles = Vec::new();
        if !self.websites.is_empty() {
            roles.push(crate::i18n::tf(
                locale,
                "owner.website_responsible",
                &[("n", &numbers(&self.websites))],
            ));
        }
        if !self.apps.is_empty() {
            roles.push(crate::i18n::tf(
                locale,
                "owner.app_responsible",
                &[("n", &numbers(&self.apps))],
            ));
        }
        if !self.minis.is_empty() {
            roles.push(crate::i18n::tf(
                locale,
                "owner.mini_responsible",
                &[("n", &numbers(&self.minis))],
            ));
        }
        crate::i18n::list(locale, &roles)
    }

    /// The title of their face photo, e.g. "核验照片（王五（网站 1 负责人））".
    pub fn photo_title(&self, locale: Locale) -> String {
        crate::i18n::tf(
            locale,
            "review.face_photo_of",
            &[
                ("title", &crate::i18n::t(locale, "summary.face_photo")),
                ("person", &self.label(locale)),
            ],
        )
    }

    /// Name and role, e.g. 王五（网站 1、2 负责人）; the role alone while the name is empty.
    pub fn label(&self, locale: Locale) -> String {
        let name = self.name.trim();
        if name.is_empty() {
            return self.role(locale);
        }
        crate::i18n::tf(
            locale,
            "owner.titled",
            &[("title", name), ("owner", &self.role(locale))],
        )
    }
}

/// A certificate number as the rules compare it: full-width letters and digits made ASCII,
/// spaces and hyphens dropped, upper case (as `rules::ids::normalize_code`).
fn normalized_number(raw: &str) -> String {
    raw.trim()
        .chars()
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        })
        .filter(|c| !matches!(c, ' ' | '-' | '\u{3000}'))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Whether two entries are the same person (as `rules::people::same_person`): the same
/// certificate number when both have one, else the same non-empty name.
fn same_person(a: &Person, b: &Person) -> bool {
    let (na, nb) = (
        normalized_number(&a.cert_number),
        normalized_number(&b.cert_number),
    );
    if !na.is_empty() && !nb.is_empty() {
        return na == nb;
    }
    !a.name.trim().is_empty() && a.name.trim() == b.name.trim()
}

/// The identity key of a person, or `None` while neither number nor name is entered.
fn person_key(p: &Person) -> Option<String> {
    let number = normalized_number(&p.cert_number);
    if !number.is_empty() {
        return Some(number);
    }
    let name = p.name.trim();
    (!name.is_empty()).then(|| format!("name:{name}"))
}

impl Draft {
    /// The people who must verify their face, in the order of the websites: the applicant
    /// of a 个人 filing; each distinct website responsible person of a 单位 filing. Whether
    /// the kind of filing asks for face verification at all is the rules' business
    /// (`rules::materials::needs_face`).
    pub fn face_persons(&self) -> Vec<FacePerson> {
        if !self.is_unit() {
            let applicant = Person {
                name: self.subject.name.clone(),
                cert_number: self.filing.cert_number.clone(),
                ..Person::default()
            };
            return vec![FacePerson {
                key: person_key(&applicant).unwrap_or_else(|| "applicant".to_owned()),
                name: applicant.name.trim().to_owned(),
                websites: Vec::new(),
                apps: Vec::new(),
                minis: Vec::new(),
            }];
        }
        let mut out: Vec<(FacePerson, &Person)> = Vec::new();
        for (i, w) in self.websites.iter().enumerate() {
            let p = &w.responsible;
            if let Some((known, _)) = out.iter_mut().find(|(_, q)| same_person(p, q)) {
                known.websites.push(i);
                continue;
            }
            out.push((
                FacePerson {
                    key: person_key(p).unwrap_or_else(|| format!("websites[{i}]")),
                    name: p.name.trim().to_owned(),
                    websites: vec![i],
                    apps: Vec::new(),
                    minis: Vec::new(),
                },
                p,
            ));
        }
        for (i, a) in self.apps.iter().enumerate() {
            let p = &a.responsible;
            if let Some((known, _)) = out.iter_mut().find(|(_, q)| same_person(p, q)) {
                known.apps.push(i);
                continue;
            }
            out.push((
                FacePerson {
                    key: person_key(p).unwrap_or_else(|| format!("apps[{i}]")),
                    name: p.name.trim().to_owned(),
                    websites: Vec::new(),
                    apps: vec![i],
                    minis: Vec::new(),
                },
                p,
            ));
        }
        for (i, m) in self.mini_programs.iter().enumerate() {
            let p = &m.responsible;
            if let Some((known, _)) = out.iter_mut().find(|(_, q)| same_person(p, q)) {
                known.minis.push(i);
                continue;
            }
            out.push((
                FacePerson {
                    key: person_key(p).unwrap_or_else(|| format!("mini_programs[{i}]")),
                    name: p.name.trim().to_owned(),
                    websites: Vec::new(),
                    apps: Vec::new(),
                    minis: vec![i],
                },
                p,
            ));
        }
        out.into_iter().map(|(person, _)| person).collect()
    }

    /// Each person who must verify, with their photo if they have one: what the
    /// materials step, the review and the bundle show.
    pub fn face_photos(&self) -> Vec<(FacePerson, Option<&FacePhoto>)> {
        self.face_persons()
            .into_iter()
            .map(|p| {
                let photo = self.materials.face_photo(&p.key);
                (p, photo)
            })
            .collect()
    }
}

impl Materials {
    /// The photo of the person with this identity key.
    pub fn face_photo(&self, person: &str) -> Option<&FacePhoto> {
        self.face_photos.iter().find(|p| p.person == person)
    }

    /// The photo of the person with this identity key, to change.
    pub fn face_photo_mut(&mut self, person: &str) -> Option<&mut FacePhoto> {
        self.face_photos.iter_mut().find(|p| p.person == person)
    }

    /// Keeps `photo` as its person's photo, replacing an earlier one of theirs.
    pub fn set_face_photo(&mut self, photo: FacePhoto) {
        self.face_photos.retain(|p| p.person != photo.person);
        self.face_photos.push(photo);
    }

    /// Discards the photo of the person with this identity key.
    pub fn remove_face_photo(&mut self, person: &str) {
        self.face_photos.retain(|p| p.person != person);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::model::{FilingKind, Website};

    fn person(name: &str, number: &str) -> Person {
        Person {
            name: name.into(),
            cert_number: number.into(),
            ..Person::default()
        }
    }

    #[test]
    fn each_distinct_website_responsible_person_verifies_once() {
        let mut d = Draft::new(FilingKind::Unit, chrono::Utc::now());
        d.websites[0].responsible = person("王五", "350102199001011234");
        d.websites.push(Website {
            responsible: person("赵六", "350102199202023456"),
            ..Website::default()
        });
        d.websites.push(Website {
            // 王五 again, typed with a full-width digit and spaces.
            responsible: person("王五", "3501 0219900101123４"),
            ..Website::default()
        });
        let people = d.face_persons();
        assert_eq!(people.len(), 2);
        assert_eq!(people[0].key, "350102199001011234");
        assert_eq!(people[0].websites, vec![0, 2]);
        assert_eq!(people[1].websites, vec![1]);
        assert_eq!(
            people[1].field(),
            FieldKey::new(Scope::WebsiteResponsible(1), Field::FacePhoto)
        );
        // People not yet entered are asked one by one.
        d.websites.push(Website::default());
        d.websites.push(Website::default());
        let people = d.face_persons();
        assert_eq!(people.len(), 4);
        assert_eq!(people[3].key, "websites[4]");
    }

    #[test]
    fn a_personal_filing_has_one_person_the_applicant() {
        let mut d = Draft::new(FilingKind::Personal, chrono::Utc::now());
        d.websites.push(Website::default());
        let people = d.face_persons();
        assert_eq!(people.len(), 1);
        assert_eq!(people[0].key, "applicant");
        assert!(people[0].websites.is_empty());
        d.filing.cert_number = "35010219900101123x".into();
        assert_eq!(d.face_persons()[0].key, "35010219900101123X");
        assert_eq!(
            d.face_persons()[0].field(),
            FieldKey::new(Scope::Subject, Field::FacePhoto)
        );
    }

    #[test]
    fn photos_are_kept_per_person() {
        let mut m = Materials::default();
        let photo = |person: &str, sha: &str| FacePhoto {
            person: person.into(),
            sha256: sha.into(),
            ..FacePhoto::default()
        };
        m.set_face_photo(photo("a", "1"));
        m.set_face_photo(photo("b", "2"));
        m.set_face_photo(photo("a", "3"));
        assert_eq!(m.face_photos.len(), 2);
        assert_eq!(m.face_photo("a").unwrap().sha256, "3");
        m.remove_face_photo("a");
        assert!(m.face_photo("a").is_none());
        assert_eq!(m.face_photo("b").unwrap().sha256, "2");
    }
}
