//! The canonical record of SCHEMA.md (docs/schema.md): the one output of the extractor.
//!
//! Field names are the contract with our users; they are fixed here and only ever added to.
//! The same types deserialise the tool's own output (`deny_unknown_fields`), which is how the
//! contract is tested.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::Number;

pub const SCHEMA_VERSION: u32 = 1;

/// One table section: row key → column key → value, in template order.
pub type Section = IndexMap<String, IndexMap<String, Value>>;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub schema_version: u32,
    pub source: Source,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<Report>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_disclosure: Option<Section>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applications: Option<Section>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_litigation: Option<Section>,
    /// The report's numbered parts (一 to 六) in order, as printed, tables left out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<TextSection>,
    #[serde(default)]
    pub checks: Vec<Check>,
    #[serde(default)]
    pub issues: Vec<Issue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorInfo>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub producer: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub agency: Option<String>,
    /// The agency's name normalised so that one agency's reports join across years (widths,
    /// spaces and brackets folded, standard short forms spelled out); absent with `agency`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency_key: Option<String>,
    pub year: Option<i32>,
    pub template: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// A value of a table cell: bare (`2`, `7730.28`, `null`) or, with provenance switched on,
/// an object with the printed text and where it was printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Traced(Traced),
    Plain(Option<Number>),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Traced {
    pub value: Option<Number>,
    pub raw: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bbox: Option<[f32; 4]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// Read by OCR from an image: the confidence of the reading, 0 to 1, to 3 decimals
    /// (its least certain character).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr: Option<f64>,
}

impl Value {
    pub fn number(&self) -> Option<&Number> {
        match self {
            Value::Plain(n) => n.as_ref(),
            Value::Traced(t) => t.value.as_ref(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    pub rule: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    pub ok: Option<bool>,
    pub expected: Option<i64>,
    pub found: Option<i64>,
    /// The table cells the check compares, as dotted keys (`applications.granted.total`);
    /// empty for the table rules, whose `row`/`column`/`group` say it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    /// The piece of prose a `text.*` check read its figure from, as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

/// One numbered part of the report (一、总体情况 ...): its number, heading and text, paragraphs
/// joined by newlines.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextSection {
    pub number: String,
    pub heading: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issue {
    pub level: crate::model::Level,
    pub code: String,
    pub message: String,
    #[serde(rename = "where")]
    pub place: String,
    /// The table cells the issue concerns, as dotted keys (`applications.granted.total`); a
    /// whole row or table only where SCHEMA.md allows. Empty for issues about no cell.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorInfo {
    pub code: String,
    pub message: String,
}

impl Record {
    /// A record for a file that could not be read: `source` as far as known and the error.
    pub fn failed(source: Source, code: &str, message: impl Into<String>) -> Record {
        Record {
            schema_version: SCHEMA_VERSION,
            source,
            error: Some(ErrorInfo {
                code: code.to_string(),
                message: message.into(),
            }),
            ..Record::default()
        }
    }

    /// A table section by its record name (`active_disclosure`, `applications`,
    /// `review_litigation`).
    pub fn section(&self, name: &str) -> Option<&Section> {
        match name {
            "active_disclosure" => self.active_disclosure.as_ref(),
            "applications" => self.applications.as_ref(),
            "review_litigation" => self.review_litigation.as_ref(),
            _ => None,
        }
    }

    pub fn issue_codes(&self) -> impl Iterator<Item = &str> {
        self.issues.iter().map(|i| i.code.as_str())
    }
}
