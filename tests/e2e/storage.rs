//! The repositories, on SQLite or PostgreSQL (whichever `TEST_POSTGRES_URL` selects).

use chrono::Duration;
use consult_domain::{
    Actor, Error,
    invites::InviteCode,
    points::{NewPoint, PointCode},
    roles::{Assignment, Role},
};
use sha2::{Digest, Sha256};

use crate::support::{app::test_start, db::TestDb};

fn code(s: &str) -> PointCode {
    PointCode::parse(s).unwrap()
}

async fn with_points(t: &TestDb) {
    let now = test_start();
    t.db.districts()
        .add(
            &consult_domain::districts::DistrictCode::parse("changning").unwrap(),
            "长宁区",
            Actor::CommandLine,
            now,
        )
        .await
        .unwrap();
    for (c, n) in [("hongqiao", "虹桥街道联系点"), ("gubei", "古北社区联系点")] {
        t.db.points()
            .add(
                &NewPoint::parse(c, n, Some("changning")).unwrap(),
                Actor::CommandLine,
                now,
            )
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn contact_points_are_added_listed_renamed_and_deactivated() {
    let t = TestDb::new().await;
    let now = test_start();
    with_points(&t).await;
    let points = t.db.points();

    let dup = points
        .add(
            &NewPoint::parse("HongQiao", "另一个", None).unwrap(),
            Actor::CommandLine,
            now,
        )
        .await;
    assert!(
        matches!(dup, Err(Error::DuplicatePoint(c)) if c == "hongqiao"),
        "codes are case-folded and unique"
    );

    let renamed = points
        .rename(&code("gubei"), "古北市民中心联系点", Actor::Person(7), now)
        .await
        .unwrap();
    assert_eq!(renamed.name, "古北市民中心联系点");
    let off = points
        .deactivate(&code("gubei"), Actor::CommandLine, now)
        .await
        .unwrap();
    assert!(!off.active);

    let all = points.list().await.unwrap();
    let summary: Vec<_> = all
        .iter()
        .map(|p| (p.code.as_str(), p.name.as_str(), p.active))
        .collect();
    assert_eq!(
        summary,
        [
            ("gubei", "古北市民中心联系点", false),
            ("hongqiao", "虹桥街道联系点", true)
        ]
    );
    assert_eq!(all[1].district.as_deref(), Some("长宁区"));
    assert_eq!(all[1].created_at, now, "times round-trip exactly");

    assert!(
        matches!(points.rename(&code("nope"), "x", Actor::CommandLine, now).await, Err(Error::UnknownPoint(c)) if c == "nope")
    );
    for bad in ["", "has space", "中文", &"x".repeat(33)] {
        assert!(PointCode::parse(bad).is_err(), "{bad:?}");
    }
    assert!(
        NewPoint::parse("ok", "  ", None).is_err(),
        "a blank name is refused"
    );
}

#[tokio::test]
async fn roles_need_the_right_point_and_are_replaced_and_revoked() {
    let t = TestDb::new().await;
    let now = test_start();
    with_points(&t).await;
    let roles = t.db.roles();

    assert!(matches!(
        Assignment::new(Role::Liaison, None),
        Err(Error::PointRequired(Role::Liaison))
    ));
    assert!(matches!(
        Assignment::new(Role::Informant, None),
        Err(Error::PointRequired(Role::Informant))
    ));
    assert!(matches!(
        Assignment::new(Role::Admin, Some(code("gubei"))),
        Err(Error::PointNotAllowed)
    ));
    let unknown = Assignment::new(Role::Liaison, Some(code("nowhere"))).unwrap();
    assert!(matches!(
        roles.grant(5, &unknown, Actor::CommandLine, now).await,
        Err(Error::UnknownPoint(_))
    ));

    let liaison = Assignment::new(Role::Liaison, Some(code("hongqiao"))).unwrap();
    let granted = roles
        .grant(1001, &liaison, Actor::CommandLine, now)
        .await
        .unwrap();
    assert_eq!(granted.role, Role::Liaison);
    assert_eq!(
        granted.point.as_ref().map(|p| p.code.as_str()),
        Some("hongqiao")
    );

    roles
        .grant(
            1002,
            &Assignment::new(Role::Admin, None).unwrap(),
            Actor::Person(1),
            now,
        )
        .await
        .unwrap();
    // A new grant replaces the old role rather than adding a second one.
    let informant = Assignment::new(Role::Informant, Some(code("gubei"))).unwrap();
    roles
        .grant(1001, &informant, Actor::Person(1002), now)
        .await
        .unwrap();
    let all = roles.list().await.unwrap();
    let summary: Vec<_> = all
        .iter()
        .map(|r| {
            (
                r.telegram_id,
                r.role,
                r.point.as_ref().map(|p| p.code.clone()),
                r.granted_by,
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (1002, Role::Admin, None, Some(1)),
            (1001, Role::Informant, Some("gubei".into()), Some(1002))
        ]
    );

    t.db.points()
        .deactivate(&code("gubei"), Actor::CommandLine, now)
        .await
        .unwrap();
    assert!(matches!(
        roles.grant(1003, &informant, Actor::CommandLine, now).await,
        Err(Error::InactivePoint(_))
    ));

    let revoked = roles.revoke(1001, Actor::CommandLine, now).await.unwrap();
    assert_eq!(revoked.map(|r| r.role), Some(Role::Informant));
    assert!(roles.of(1001).await.unwrap().is_none());
    assert!(
        roles
            .revoke(1001, Actor::CommandLine, now)
            .await
            .unwrap()
            .is_none(),
        "revoking twice is harmless"
    );

    let audit = t.db.audit().list(Some("role."), 100).await.unwrap();
    let actions: Vec<_> = audit
        .iter()
        .rev()
        .map(|a| (a.action.as_str(), a.subject.as_str(), a.actor))
        .collect();
    assert_eq!(
        actions,
        [
            ("role.grant", "1001", None),
            ("role.grant", "1002", Some(1)),
            ("role.grant", "1001", Some(1002)),
            ("role.revoke", "1001", None)
        ],
        "every grant and revoke is audited with who did it"
    );
    assert_eq!(audit[0].detail.0["role"], "informant");
    assert_eq!(audit[0].at, now);
}

#[tokio::test]
async fn invites_store_only_a_hash_and_work_once_before_they_expire() {
    let t = TestDb::new().await;
    let now = test_start();
    with_points(&t).await;
    let invites = t.db.invites();
    let liaison = Assignment::new(Role::Liaison, Some(code("hongqiao"))).unwrap();

    let (secret, invite) = invites
        .create(&liaison, Actor::Person(1), now, Duration::days(7))
        .await
        .unwrap();
    let text = secret.as_str();
    assert!(text.starts_with("inv-") && text.len() <= 64);
    assert!(
        text.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
        "fits a /start payload: {text}"
    );
    assert!(text.len() - 4 >= 22, "at least 128 random bits");
    let expected_hash: String = Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(invite.code_hash, expected_hash);
    assert_eq!(invite.expires_at, now + Duration::days(7));
    assert_ne!(
        InviteCode::parse(text).unwrap().as_str(),
        invites
            .create(&liaison, Actor::Person(1), now, Duration::days(7))
            .await
            .unwrap()
            .0
            .as_str(),
        "codes are random"
    );

    // The secret appears nowhere in the database.
    let audit = t.db.audit().list(None, 100).await.unwrap();
    assert!(
        audit.iter().all(
            |a| !a.detail.0.to_string().contains(&text[4..]) && !a.subject.contains(&text[4..])
        )
    );
    let stored: Vec<String> = match &t.db {
        consult_domain::Db::Sqlite(p) => sqlx::query_scalar("SELECT code_hash FROM invites")
            .fetch_all(p)
            .await
            .unwrap(),
        consult_domain::Db::Postgres(p) => sqlx::query_scalar("SELECT code_hash FROM invites")
            .fetch_all(p)
            .await
            .unwrap(),
    };
    assert!(stored.iter().all(|h| !h.contains(&text[4..])));

    let role = invites
        .redeem(&secret, 2002, now + Duration::days(6))
        .await
        .unwrap();
    assert_eq!(
        (role.role, role.point.map(|p| p.code)),
        (Role::Liaison, Some("hongqiao".into()))
    );
    assert_eq!(
        role.granted_by,
        Some(1),
        "the inviter is recorded as granting the role"
    );
    assert!(matches!(
        invites.redeem(&secret, 2003, now).await,
        Err(Error::InviteUsed)
    ));
    assert!(t.db.roles().of(2003).await.unwrap().is_none());

    let (late, _) = invites
        .create(
            &Assignment::new(Role::Admin, None).unwrap(),
            Actor::CommandLine,
            now,
            Duration::hours(1),
        )
        .await
        .unwrap();
    assert!(matches!(
        invites.redeem(&late, 2004, now + Duration::hours(1)).await,
        Err(Error::InviteExpired)
    ));
    assert!(t.db.roles().of(2004).await.unwrap().is_none());

    let forged = InviteCode::parse("inv-AAAAAAAAAAAAAAAAAAAAAA").unwrap();
    assert!(matches!(
        invites.redeem(&forged, 2005, now).await,
        Err(Error::InviteNotFound)
    ));
    for bad in [
        "",
        "inv-",
        "inv-short",
        "abc-AAAAAAAAAAAAAAAAAAAAAA",
        "inv-AAAAAAAAAAAAAAAAAAAA!!",
    ] {
        assert!(
            matches!(InviteCode::parse(bad), Err(Error::InviteNotFound)),
            "{bad:?}"
        );
    }

    let actions: Vec<_> =
        t.db.audit()
            .list(Some("invite."), 100)
            .await
            .unwrap()
            .into_iter()
            .rev()
            .map(|a| a.action)
            .collect();
    assert_eq!(
        actions,
        [
            "invite.create",
            "invite.create",
            "invite.redeem",
            "invite.create"
        ]
    );
}

#[tokio::test]
async fn two_people_racing_for_one_invite_cannot_both_win() {
    let t = TestDb::new().await;
    let now = test_start();
    with_points(&t).await;
    let assignment = Assignment::new(Role::Informant, Some(code("gubei"))).unwrap();
    let (secret, _) =
        t.db.invites()
            .create(&assignment, Actor::CommandLine, now, Duration::days(1))
            .await
            .unwrap();
    let attempts = (0..6).map(|i| {
        let db = t.db.clone();
        let secret = secret.clone();
        tokio::spawn(async move { db.invites().redeem(&secret, 3000 + i, now).await })
    });
    let mut winners = 0;
    for a in attempts {
        match a.await.unwrap() {
            Ok(_) => winners += 1,
            Err(Error::InviteUsed) => {}
            Err(e) => panic!("unexpected {e}"),
        }
    }
    assert_eq!(winners, 1);
    assert_eq!(t.db.roles().list().await.unwrap().len(), 1);
}
