//! The review step's help on the common reasons for return: a collapsed section that,
//! once opened, lists the nine causes with what beian found for this draft.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers outside #[test] fns.

use crate::common;

use beian::model::Step;
use beian::services::FakeFileDialog;
use common::{click, harness, settle};
use egui_kittest::kittest::Queryable as _;

#[test]
fn the_review_step_says_which_reasons_for_return_beian_has_checked() {
    let data = tempfile::tempdir().unwrap();
    let dialog = FakeFileDialog::default();
    let mut h = harness(data.path(), &dialog);
    click(&mut h, "打开个人备案示例");
    settle(&mut h);
    // A 广东 number for a 北京 filing: 北京 wants local mobiles (unconfirmed: a warning).
    h.state_mut().draft.subject.responsible.mobile = "13000401234".into();
    h.run_steps(2);
    h.state_mut().apply(
        beian::action::Action::GoToStep(Step::Review),
        &egui::Context::default(),
    );
    h.run_steps(2);
    assert!(
        h.query_by_label("5. 联系方式").is_none(),
        "collapsed at first"
    );
    click(&mut h, "常见退回原因");
    h.run_steps(2);
    for label in [
        "1. 域名",
        "3. 已备案网站",
        "5. 联系方式",
        "7. 主体",
        "9. 人脸核验",
        "需人工核实",
        "已检查，发现 1 个问题",
    ] {
        assert!(h.query_by_label(label).is_some(), "{label}");
    }
    assert!(
        h.query_all_by_label_contains("这个手机号码属于广东省的号段")
            .count()
            >= 2,
        "the problem is listed under the problems and under its cause"
    );
    // The credit-system check is a unit's matter: not shown for a personal filing.
    assert!(
        h.query_by_label_contains("国家企业信用信息公示系统中确认")
            .is_none()
    );
    assert!(
        h.query_by_label_contains("确认本主体已备案的网站都能打开")
            .is_some()
    );
}
