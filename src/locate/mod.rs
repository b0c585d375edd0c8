//! Finds the standard tables (二, 三, 四) in a document, whatever the layout: by the markers
//! of their headers and by their row labels, over one stream of items (see [`items`]), so a
//! table split over pages or grids, with or without a repeated header, reads as one.
//! Also recognises the template ([`template`]) and reads the agency, year and title ([`meta`],
//! [`agency`], [`agency_key`]).

pub mod agency;
pub mod agency_key;
pub mod items;
pub mod meta;
pub mod template;

use crate::model::Document;
use crate::text::fold_label;
pub use items::{Item, Place, TAB_SPACE, Tok};

/// The three standard tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// 二、主动公开政府信息情况
    Active,
    /// 三、收到和处理政府信息公开申请情况
    Applications,
    /// 四、政府信息公开行政复议、行政诉讼情况
    Review,
}

impl Table {
    pub fn name(self) -> &'static str {
        match self {
            Table::Active => "二",
            Table::Applications => "三",
            Table::Review => "四",
        }
    }
}

/// What the locator found in one document.
#[derive(Debug, Default)]
pub struct Located {
    pub meta: meta::Meta,
    /// The template the labels match: "2019", "2021", "pre2019"; `None` when unknown.
    pub template: Option<&'static str>,
    pub active: Vec<Item>,
    pub applications: Vec<Item>,
    pub review: Vec<Item>,
    /// Whether each table was found at all.
    pub found: [bool; 3],
    /// The document reads as a 政府信息公开工作年度报告.
    pub is_report: bool,
}

/// Header words of table 二 (templates 2019 and 2021).
const ACTIVE_MARKERS: &[&str] = &[
    "第二十条第",
    "本年制发件数",
    "本年新制作数量",
    "上一年项目数量",
    "本年处理决定数量",
    "现行有效件数",
];
/// Header words and first rows of table 三.
const APPLICATION_MARKERS: &[&str] = &[
    "申请人情况",
    "本年新收政府信息公开申请",
    "勾稽关系",
    "上年结转政府信息公开申请",
];
/// Header words of table 四.
const REVIEW_MARKERS: &[&str] = &["结果维持", "尚未审结", "未经复议直接起诉", "复议后起诉"];

const MARKERS_2019: &[&str] = &[
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "政府集中采购",
    "其他对外管理服务事项",
    "第二十条第(九)项",
];
const MARKERS_2021: &[&str] = &[
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "行政规范性文件",
    "逾期不补正",
    "缴纳费用",
];

pub fn locate(doc: &Document) -> Located {
    let items = items::items(doc);
    let mut located = Located {
        meta: meta::read(doc),
        ..Located::default()
    };
    let mut state: Option<Table> = None;
    let (mut n2019, mut n2021) = (0, 0);
    for item in items {
        let label = fold_label(&item.label());
        if let Some(t) = entered(&label, state) {
            state = Some(t);
            located.found[t as usize] = true;
        }
        if state.is_some() {
            n2019 += MARKERS_2019.iter().filter(|m| label.contains(*m)).count();
            n2021 += MARKERS_2021.iter().filter(|m| label.contains(*m)).count();
        }
        match state {
            Some(Table::Active) => located.active.push(item),
            Some(Table::Applications) => located.applications.push(item),
            Some(Table::Review) => located.review.push(item),
            None => {}
        }
    }
    let any_table = located.found.iter().any(|f| *f);
    located.is_report = any_table || located.meta.looks_like_report;
    let evidence = template::Evidence {
        words_2019: n2019,
        words_2021: n2021,
        any_table,
        is_report: located.is_report,
    };
    located.template = template::decide(evidence, &located.meta);
    located
}

/// The table an item's label opens, if it opens one other than the current.
fn entered(label: &str, state: Option<Table>) -> Option<Table> {
    let has = |ms: &[&str]| ms.iter().any(|m| label.contains(m));
    // A heading names the table it opens; a label may run a heading into header words.
    let review = has(REVIEW_MARKERS)
        || (label.contains("行政复议")
            && label.contains("行政诉讼")
            && label.chars().count() <= 40);
    let applications = has(APPLICATION_MARKERS);
    let active = has(ACTIVE_MARKERS);
    // Of several markers in one label (a crawler's dump runs everything together), the one
    // that appears last wins: that is the table whose rows follow.
    let last = |ms: &[&str]| ms.iter().filter_map(|m| label.rfind(m)).max();
    let mut cands: Vec<(usize, Table)> = Vec::new();
    if review {
        let pos = last(REVIEW_MARKERS)
            .or_else(|| label.rfind("行政复议"))
            .unwrap_or(0);
        cands.push((pos, Table::Review));
    }
    if applications {
        cands.push((last(APPLICATION_MARKERS).unwrap_or(0), Table::Applications));
    }
    if active {
        cands.push((last(ACTIVE_MARKERS).unwrap_or(0), Table::Active));
    }
    let best = cands.into_iter().max_by_key(|(p, _)| *p).map(|(_, t)| t)?;
    (Some(best) != state).then_some(best)
}
