//! The services of a filing besides websites (`../shared/domain/app-filing.md`): APPs,
//! filed with their 特征信息 per platform.

use serde::{Deserialize, Serialize};

use super::enums::keyed_enum;

keyed_enum! {
    /// A platform an APP is published on; each has its own package block.
    pub enum Platform : "platform" {
        /// Android: 包名, 公钥, 签名MD5值 (the certificate's MD5).
        Android => "android",
        /// iOS: Bundle ID, 公钥, and the certificate's SHA-1 in the 签名MD5值 field.
        Ios => "ios",
        /// HarmonyOS: bundleName, 公钥, the certificate's SHA-1.
        Harmony => "harmony",
        /// Another platform.
        Other => "other",
    }
}
