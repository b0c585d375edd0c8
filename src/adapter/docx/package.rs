//! A zip package read with bounded inflation: a member stops at the budget's `max_inflated`
//! and the package at `max_total_inflated`, so a zip bomb is an error, not an exhausted machine.
//! Deflate and stored members only. Shared by the DOCX and ODS readers.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;
use zip::result::ZipError;

use crate::budget::Budget;
use crate::error::{Error, ErrorKind, Result};

/// A zip package with inflation bounded by the budget.
pub(crate) struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    budget: &'a Budget,
    inflated: u64,
}

impl<'a> Package<'a> {
    pub(crate) fn open(bytes: &'a [u8], budget: &'a Budget) -> Result<Package<'a>> {
        let zip =
            ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip_error(e, "the zip directory"))?;
        Ok(Package {
            zip,
            budget,
            inflated: 0,
        })
    }

    /// The main document part named by the package relationships, `word/document.xml` by default.
    pub(crate) fn main_part(&mut self) -> Result<String> {
        let rels = self.member("_rels/.rels")?.unwrap_or_default();
        let mut reader = Reader::from_str(&rels);
        loop {
            match reader.read_event() {
                Ok(Event::Start(e) | Event::Empty(e))
                    if e.local_name().as_ref() == "Relationship" =>
                {
                    let kind = attr(&e, "Type").unwrap_or_default();
                    if kind.ends_with("/officeDocument")
                        && let Some(target) = attr(&e, "Target")
                    {
                        return Ok(target.trim_start_matches('/').to_string());
                    }
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
        Ok("word/document.xml".to_string())
    }

    /// The text of a member, `None` if the package has no such member.
    pub(crate) fn member(&mut self, name: &str) -> Result<Option<String>> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let file = self.zip.by_index(index).map_err(|e| zip_error(e, name))?;
        if !matches!(
            file.compression(),
            zip::CompressionMethod::Stored | zip::CompressionMethod::Deflated
        ) {
            return Err(Error::unsupported(format!(
                "{name} is compressed with {:?}; only deflate is read",
                file.compression()
            )));
        }
        let cap = self
            .budget
            .max_inflated
            .min(self.budget.max_total_inflated.saturating_sub(self.inflated));
        let mut out = Vec::new();
        file.take(cap.saturating_add(1))
            .read_to_end(&mut out)
            .map_err(|e| Error::corrupt(format!("{name} does not inflate")).with_source(e))?;
        if out.len() as u64 > cap {
            return Err(
                Error::too_large(format!("{name} inflates to more than {cap} bytes"))
                    .at(name.to_string()),
            );
        }
        self.inflated += out.len() as u64;
        let text = match String::from_utf8(out) {
            Ok(s) => s,
            Err(e) => {
                let bytes = e.into_bytes();
                let (enc, bom) =
                    encoding_rs::Encoding::for_bom(&bytes).unwrap_or((encoding_rs::UTF_8, 0));
                enc.decode_without_bom_handling(&bytes[bom..])
                    .0
                    .into_owned()
            }
        };
        Ok(Some(text))
    }
}

fn zip_error(e: ZipError, what: &str) -> Error {
    let msg = e.to_string();
    let err = if msg.to_ascii_lowercase().contains("password") {
        Error::new(ErrorKind::Encrypted(format!("{what} is encrypted")))
    } else if matches!(e, ZipError::UnsupportedArchive(_)) {
        Error::unsupported(format!("{what}: {msg}"))
    } else {
        Error::corrupt(format!("{what} cannot be read as a zip"))
    };
    err.with_source(e)
}

/// The value of an attribute by its qualified name.
pub(crate) fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    let a = e.attributes().flatten().find(|a| a.key.as_ref() == name)?;
    quick_xml::escape::unescape(&a.value)
        .ok()
        .map(|v| v.into_owned())
}
