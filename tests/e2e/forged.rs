//! Buttons and links carrying ids no row can have (forged, or from a database restored
//! elsewhere): a plain "not found" with the id as given — never a number rounded
//! through a float on its way into the message.

use crate::support::{
    app::TestApp,
    chat::{forged, say},
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ids_out_of_range_are_a_plain_not_found() {
    let app = TestApp::spawn().await;
    let p = app.tg.person("居民");
    let max = i64::MAX;
    let (_, shown) = forged(&app, &p, 999, &format!("c:{max}")).await;
    let texts: Vec<&str> = shown.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, [format!("没有编号为 {max} 的征求意见。")]);
    let answer = say(&app, &p, &format!("/start op-{max}")).await;
    assert_eq!(answer[0].text, format!("没有编号为 {max} 的征求意见。"));
    app.finish().await;
}
