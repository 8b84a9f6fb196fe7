//! The output record (schema v1): one JSON object per document.
//!
//! Field names are a public contract (other tools read them); add fields freely, never rename or
//! drop one without bumping [`SCHEMA_VERSION`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Version of the record layout written by this build.
pub const SCHEMA_VERSION: u32 = 1;

/// One document's extraction result.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Record {
    pub schema_version: u32,
    pub source: Source,
    /// Written with the council's GSS code and the other councils of a shared site, from the
    /// registry.
    #[serde(serialize_with = "council_out")]
    #[schemars(with = "Option<CouncilOut>")]
    pub council: Option<Council>,
    pub meta: RecordMeta,
    #[serde(default)]
    pub meetings: Vec<Meeting>,
    #[serde(default)]
    pub recommendations: Vec<Recommendation>,
    #[serde(default)]
    pub themes: Vec<Theme>,
    #[serde(default)]
    pub actions: Vec<Action>,
    #[serde(default)]
    pub warnings: Vec<String>,
    pub error: Option<RecordError>,
    /// The normalised text that every `span` indexes; only present with `--emit-text`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// Where the document came from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    pub path: Option<String>,
    pub url: Option<String>,
    pub sha256: Option<String>,
    pub media_type: Option<String>,
    pub fetched_at: Option<String>,
    pub pages: Option<u32>,
    /// Size of the raw document in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes: Option<u64>,
    /// Character encoding the text was decoded from (e.g. `UTF-8`, `windows-1252`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
}

/// The council a document belongs to, when known.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Council {
    pub code: Option<String>,
    pub name: String,
}

/// A council as a record writes it: `gss` (the ONS/GSS code, e.g. `E08000018`) and
/// `shared_with` (the codes of the other councils whose papers are on the same site) come
/// from the registry by `code`, and are left out when there are none. Added in v1.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CouncilOut {
    pub code: Option<String>,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gss: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shared_with: Vec<String>,
}

impl From<&Council> for CouncilOut {
    fn from(c: &Council) -> Self {
        let entry = c.code.as_deref().and_then(crate::registry::by_code);
        CouncilOut {
            code: c.code.clone(),
            name: c.name.clone(),
            gss: entry.and_then(|e| e.gss()).map(str::to_string),
            shared_with: entry
                .map(|e| {
                    crate::registry::site_group(&e.code)
                        .into_iter()
                        .filter(|o| o.code != e.code)
                        .map(|o| o.code.clone())
                        .collect()
                })
                .unwrap_or_default(),
        }
    }
}

fn council_out<S: serde::Serializer>(c: &Option<Council>, s: S) -> Result<S::Ok, S::Error> {
    c.as_ref().map(CouncilOut::from).serialize(s)
}

/// What kind of page or paper a document is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Issue,
    Decision,
    Minutes,
    Report,
    Agenda,
    #[default]
    Other,
}

/// Meeting and document metadata found in the text (or supplied by a crawl).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Meta {
    pub title: Option<String>,
    pub kind: DocKind,
    pub committee: Option<String>,
    /// ISO 8601 date (`YYYY-MM-DD`).
    pub date: Option<String>,
    pub item: Option<String>,
}

/// `meta` as a record carries it: what the text gave ([`Meta`]) with what a crawl knows
/// merged in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RecordMeta {
    /// The title a crawl found the document under (its link), else the document's own.
    pub title: Option<String>,
    pub kind: DocKind,
    pub committee: Option<String>,
    /// ISO 8601 date (`YYYY-MM-DD`).
    pub date: Option<String>,
    pub item: Option<String>,
    /// The document's own title, when a crawl's link title is in `title`. Added in v1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_title: Option<String>,
}

impl From<Meta> for RecordMeta {
    fn from(m: Meta) -> Self {
        RecordMeta {
            title: m.title,
            kind: m.kind,
            committee: m.committee,
            date: m.date,
            item: m.item,
            document_title: None,
        }
    }
}

/// One `Meeting: dd/mm/yyyy - Body (Item N)` block of an issue page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Meeting {
    pub committee: Option<String>,
    pub date: Option<String>,
    pub item: Option<String>,
    /// Where the meeting's block starts and ends in the normalised text.
    pub span: [usize; 2],
}

/// Who is recommending or deciding.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RecKind {
    /// A peer team's recommendation to the council (e.g. an LGA Corporate Peer Challenge).
    Peer,
    /// An officer's recommendation to a committee.
    Officer,
    /// What a body resolved, agreed or decided.
    Resolution,
    #[default]
    Other,
}

/// A recommendation or resolution item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Recommendation {
    /// The visible label without brackets or punctuation (`"7.1"`, `"ii"`, `"SR (25/26) 01"`).
    pub id: Option<String>,
    /// The item's words: label and lead-in removed, whitespace collapsed, sub-items included.
    pub text: String,
    pub kind: RecKind,
    /// Procedural housekeeping (minutes approved, apologies, declarations of interest,
    /// exclusion of the press and public, appointments, a report merely noted). Added in v1:
    /// records written before it read as `false`.
    #[serde(default)]
    pub procedural: bool,
    /// The sentence that introduced the list (`"That Cabinet:"`, `"RESOLVED:"`).
    pub lead_in: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Recommendation>,
    /// Character offsets `[start, end)` into the normalised text.
    pub span: [usize; 2],
    pub page: Option<u32>,
    /// The normalised text at `span`, verbatim.
    pub quote: String,
    /// Index into the record's `meetings` of the meeting this item was made at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<usize>,
}

/// A theme's id in its framework. The five LGA Corporate Peer Challenge core themes come
/// first (both CPC frameworks map onto them); the other frameworks' themes carry a prefix
/// (`gov_`, `cqc_`, `bv_`, `ilacs_`, `fire_`, `peel_`, `eq_`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CanonicalTheme {
    LocalPrioritiesAndOutcomes,
    OrganisationalAndPlaceLeadership,
    GovernanceAndCulture,
    FinancialPlanningAndManagement,
    CapacityForImprovement,
    GovRolesResponsibilitiesAndRelationships,
    GovEffectiveGovernanceAndScrutiny,
    GovGovernanceEssentials,
    GovRiskManagementAndAudit,
    GovOrganisationalCulture,
    CqcWorkingWithPeople,
    CqcProvidingSupport,
    CqcEnsuringSafety,
    CqcLeadership,
    BvContinuousImprovement,
    BvLeadership,
    BvGovernance,
    BvCulture,
    BvUseOfResources,
    BvServiceDelivery,
    BvPartnershipsAndCommunityEngagement,
    BvSustainability,
    BvFairnessAndEquality,
    IlacsOverallEffectiveness,
    IlacsImpactOfLeaders,
    IlacsHelpAndProtection,
    IlacsChildrenInCare,
    IlacsCareLeavers,
    FireEffectiveness,
    FireEfficiency,
    FirePeople,
    PeelEffectiveness,
    PeelEfficiency,
    PeelLegitimacy,
    CqcSafe,
    CqcEffective,
    CqcCaring,
    CqcResponsive,
    CqcWellLed,
    EqCommunities,
    EqLeadershipAndCommitment,
    EqServicesAndCustomerCare,
    EqWorkforce,
}

impl CanonicalTheme {
    /// The five Corporate Peer Challenge themes, which the comparison's theme matrix shows.
    pub const ALL: [CanonicalTheme; 5] = [
        CanonicalTheme::LocalPrioritiesAndOutcomes,
        CanonicalTheme::OrganisationalAndPlaceLeadership,
        CanonicalTheme::GovernanceAndCulture,
        CanonicalTheme::FinancialPlanningAndManagement,
        CanonicalTheme::CapacityForImprovement,
    ];

    /// The snake_case id used in JSON.
    pub fn id(self) -> &'static str {
        use CanonicalTheme::*;
        match self {
            LocalPrioritiesAndOutcomes => "local_priorities_and_outcomes",
            OrganisationalAndPlaceLeadership => "organisational_and_place_leadership",
            GovernanceAndCulture => "governance_and_culture",
            FinancialPlanningAndManagement => "financial_planning_and_management",
            CapacityForImprovement => "capacity_for_improvement",
            GovRolesResponsibilitiesAndRelationships => {
                "gov_roles_responsibilities_and_relationships"
            }
            GovEffectiveGovernanceAndScrutiny => "gov_effective_governance_and_scrutiny",
            GovGovernanceEssentials => "gov_governance_essentials",
            GovRiskManagementAndAudit => "gov_risk_management_and_audit",
            GovOrganisationalCulture => "gov_organisational_culture",
            CqcWorkingWithPeople => "cqc_working_with_people",
            CqcProvidingSupport => "cqc_providing_support",
            CqcEnsuringSafety => "cqc_ensuring_safety",
            CqcLeadership => "cqc_leadership",
            BvContinuousImprovement => "bv_continuous_improvement",
            BvLeadership => "bv_leadership",
            BvGovernance => "bv_governance",
            BvCulture => "bv_culture",
            BvUseOfResources => "bv_use_of_resources",
            BvServiceDelivery => "bv_service_delivery",
            BvPartnershipsAndCommunityEngagement => "bv_partnerships_and_community_engagement",
            BvSustainability => "bv_sustainability",
            BvFairnessAndEquality => "bv_fairness_and_equality",
            IlacsOverallEffectiveness => "ilacs_overall_effectiveness",
            IlacsImpactOfLeaders => "ilacs_impact_of_leaders",
            IlacsHelpAndProtection => "ilacs_help_and_protection",
            IlacsChildrenInCare => "ilacs_children_in_care",
            IlacsCareLeavers => "ilacs_care_leavers",
            FireEffectiveness => "fire_effectiveness",
            FireEfficiency => "fire_efficiency",
            FirePeople => "fire_people",
            PeelEffectiveness => "peel_effectiveness",
            PeelEfficiency => "peel_efficiency",
            PeelLegitimacy => "peel_legitimacy",
            CqcSafe => "cqc_safe",
            CqcEffective => "cqc_effective",
            CqcCaring => "cqc_caring",
            CqcResponsive => "cqc_responsive",
            CqcWellLed => "cqc_well_led",
            EqCommunities => "eq_communities",
            EqLeadershipAndCommitment => "eq_leadership_and_commitment",
            EqServicesAndCustomerCare => "eq_services_and_customer_care",
            EqWorkforce => "eq_workforce",
        }
    }

    /// Whether this is one of the five Corporate Peer Challenge themes.
    pub fn is_cpc(self) -> bool {
        Self::ALL.contains(&self)
    }
}

/// The review or inspection framework a theme belongs to.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub enum Framework {
    /// LGA Corporate Peer Challenge (current theme names).
    #[serde(rename = "cpc")]
    Cpc,
    /// LGA Corporate Peer Challenge, the older names (2014–2022).
    #[serde(rename = "cpc_2014")]
    Cpc2014,
    /// LGA Governance Peer Challenge.
    #[serde(rename = "lga_governance")]
    LgaGovernance,
    /// CQC's assessment of local authority adult social care.
    #[serde(rename = "cqc_asc")]
    CqcAsc,
    /// The Best Value statutory guidance (England; Scotland's themes map onto it).
    #[serde(rename = "best_value")]
    BestValue,
    /// Ofsted's inspection of local authority children's services (ILACS) judgement areas.
    #[serde(rename = "ofsted_ilacs")]
    OfstedIlacs,
    /// HMICFRS's inspection of fire and rescue services: effectiveness, efficiency, people.
    #[serde(rename = "hmicfrs_fire")]
    HmicfrsFire,
    /// HMICFRS's PEEL inspection of police forces: effectiveness, efficiency, legitimacy.
    #[serde(rename = "hmicfrs_peel")]
    HmicfrsPeel,
    /// CQC's five key questions about a service: safe, effective, caring, responsive, well-led.
    #[serde(rename = "cqc_key_questions")]
    CqcKeyQuestions,
    /// The LGA's Equality Framework for Local Government: four modules (five areas before 2021).
    #[serde(rename = "lga_equality")]
    LgaEquality,
}

impl Framework {
    /// The id used in JSON.
    pub fn id(self) -> &'static str {
        match self {
            Framework::Cpc => "cpc",
            Framework::Cpc2014 => "cpc_2014",
            Framework::LgaGovernance => "lga_governance",
            Framework::CqcAsc => "cqc_asc",
            Framework::BestValue => "best_value",
            Framework::OfstedIlacs => "ofsted_ilacs",
            Framework::HmicfrsFire => "hmicfrs_fire",
            Framework::HmicfrsPeel => "hmicfrs_peel",
            Framework::CqcKeyQuestions => "cqc_key_questions",
            Framework::LgaEquality => "lga_equality",
        }
    }
}

/// A theme a review looked at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Theme {
    pub text: String,
    pub canonical: Option<CanonicalTheme>,
    /// The framework the theme belongs to; null for a council's own themes. Added in v1.
    #[serde(default)]
    pub framework: Option<Framework>,
    pub span: [usize; 2],
    pub page: Option<u32>,
    pub quote: String,
}

/// How far an action has got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Completed,
    InProgress,
    Remaining,
    #[default]
    Unknown,
}

/// One item of an action plan or progress list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Action {
    pub text: String,
    pub status: ActionStatus,
    /// The status words as printed (a tracker cell or the lead-in), when there are any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_text: Option<String>,
    pub span: [usize; 2],
    pub page: Option<u32>,
    pub quote: String,
}

/// Why a document could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RecordError {
    pub kind: String,
    pub message: String,
}

/// A document's identity: its sha256 and where it came from (URL, else path). Two records
/// with the same key are the same document.
pub fn document_key(r: &Record) -> String {
    let s = &r.source;
    format!(
        "{}|{}",
        s.sha256.as_deref().unwrap_or(""),
        s.url.as_deref().or(s.path.as_deref()).unwrap_or("")
    )
}

/// Hex SHA-256 of some bytes, as `source.sha256` holds it.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The JSON Schema of [`Record`], derived from the types above.
pub fn record_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Record)).expect("schema serialises")
}
