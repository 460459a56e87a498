//! The stages of the filing procedure, in order.

use serde::{Deserialize, Serialize};

/// One stage of the procedure, shown in the step list.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Step {
    /// 备案类型.
    #[default]
    #[serde(rename = "filing_type")]
    FilingType,
    /// 主体信息.
    #[serde(rename = "subject")]
    Subject,
    /// 网站信息.
    #[serde(rename = "websites")]
    Websites,
    /// 材料与核验.
    #[serde(rename = "materials")]
    Materials,
    /// 核对与导出.
    #[serde(rename = "review")]
    Review,
    /// 提交后跟踪.
    #[serde(rename = "tracking")]
    Tracking,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 6] = [
        Step::FilingType,
        Step::Subject,
        Step::Websites,
        Step::Materials,
        Step::Review,
        Step::Tracking,
    ];

    /// The stable key (used in i18n keys and the CLI's JSON).
    pub fn key(self) -> &'static str {
        match self {
            Step::FilingType => "filing_type",
            Step::Subject => "subject",
            Step::Websites => "websites",
            Step::Materials => "materials",
            Step::Review => "review",
            Step::Tracking => "tracking",
        }
    }

    /// The step's position, from 0.
    pub fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The step after this one.
    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self.index() + 1).copied()
    }

    /// The step before this one.
    pub fn previous(self) -> Option<Step> {
        self.index()
            .checked_sub(1)
            .and_then(|i| Step::ALL.get(i).copied())
    }

    /// The i18n key of the step's title.
    pub fn title_key(self) -> String {
        format!("step.{}", self.key())
    }

    /// The i18n key of what the step asks, for a filing holding `held`.
    pub fn intro_key_for(self, held: ServicesHeld) -> String {
        match (self, held) {
            (Step::Websites, ServicesHeld::WebsitesAndApps) => {
                "step.websites_apps.intro".to_owned()
            }
            (Step::Websites, ServicesHeld::AppsOnly) => "step.apps_only.intro".to_owned(),
            (Step::Materials, ServicesHeld::WebsitesAndApps | ServicesHeld::AppsOnly) => {
                "step.materials_apps.intro".to_owned()
            }
            _ => format!("step.{}.intro", self.key()),
        }
    }

    /// The i18n key of the step's title for a filing holding `held`: the services step is
    /// "网站信息", "网站与APP信息" or "APP与小程序信息".
    pub fn title_key_for(self, held: ServicesHeld) -> String {
        match (self, held) {
            (Step::Websites, ServicesHeld::WebsitesAndApps) => "step.websites_apps".to_owned(),
            (Step::Websites, ServicesHeld::AppsOnly) => "step.apps_only".to_owned(),
            _ => self.title_key(),
        }
    }
}

/// Which kinds of service a filing holds, as its step list names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServicesHeld {
    /// Websites only.
    Websites,
    /// Websites and APPs, mini-programs or quick apps.
    WebsitesAndApps,
    /// No website: APPs, mini-programs or quick apps only.
    AppsOnly,
}
