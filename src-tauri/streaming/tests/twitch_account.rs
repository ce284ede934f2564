//! Signing in to Twitch from the app, against a fake of Twitch's sign-in
//! service that speaks its protocol: the device code flow, single-use
//! refresh tokens, validation, revocation.

mod support;

use std::time::Duration;

use mona_core::keychain::Secret;
use mona_streaming::twitch::{
    SignInProblem, TwitchAccount, TwitchAccountState, TwitchError, TwitchHttp,
};
use support::fake_twitch::{CLIENT_ID, FakeTwitch, LOGIN, Twitch, USER_CODE, USER_ID};
use support::keychain::{kept, use_memory_keychain};
use tokio::sync::watch;

const SERVICE: &str = "MONA x SPARK Desk tests";

/// A keychain place of the test's own (the keychain is shared by the
/// binary's tests).
fn slot(name: &str) -> Secret {
    use_memory_keychain();
    Secret::new(SERVICE, name)
}

fn account(fake: &FakeTwitch, name: &str) -> TwitchAccount {
    TwitchAccount::new(
        TwitchHttp::new(fake.endpoints()),
        Some(CLIENT_ID.into()),
        slot(name),
    )
}

async fn state_becomes(
    states: &mut watch::Receiver<TwitchAccountState>,
    wanted: impl Fn(&TwitchAccountState) -> bool,
) -> TwitchAccountState {
    let seen = tokio::time::timeout(Duration::from_secs(10), states.wait_for(|s| wanted(s)))
        .await
        .map(|found| found.map(|state| state.clone()));
    match seen {
        Ok(Ok(state)) => state,
        _ => panic!(
            "the account never got there; it is {:?}",
            states.borrow().clone()
        ),
    }
}

fn signed_in(state: &TwitchAccountState) -> bool {
    matches!(state, TwitchAccountState::SignedIn { .. })
}

async fn signed_in_account(fake: &FakeTwitch, name: &str) -> TwitchAccount {
    let account = account(fake, name);
    let mut states = account.follow();
    account.start_sign_in().await.expect("a code");
    state_becomes(&mut states, signed_in).await;
    account
}

#[tokio::test]
async fn a_streamer_signs_in_by_typing_a_code_on_twitch_and_is_still_signed_in_after_a_restart() {
    let fake = FakeTwitch::start(Twitch::default()).await;
    let account = account(&fake, "restart");
    assert_eq!(account.state(), TwitchAccountState::SignedOut);
    let mut states = account.follow();

    let shown = account.start_sign_in().await.expect("a code to type");
    let TwitchAccountState::SigningIn {
        user_code,
        verification_uri,
        ..
    } = shown
    else {
        panic!("no code shown: {shown:?}");
    };
    assert_eq!(user_code, USER_CODE);
    assert!(verification_uri.starts_with("https://www.twitch.tv/activate"));

    // Twitch answers "authorization_pending" once, then the code is typed.
    let state = state_becomes(&mut states, signed_in).await;
    assert_eq!(
        state,
        TwitchAccountState::SignedIn {
            login: LOGIN.into(),
            user_id: USER_ID.into(),
            unchecked: false
        }
    );

    // The app restarts: the sign-in comes back from the keychain, checked.
    let after_restart = self::account(&fake, "restart");
    after_restart.restore().await.expect("restored");
    assert!(
        signed_in(&after_restart.state()),
        "{:?}",
        after_restart.state()
    );
    let (_, login, user_id) = after_restart.access().await.expect("a token");
    assert_eq!((login.as_str(), user_id.as_str()), (LOGIN, USER_ID));
}

#[tokio::test]
async fn a_code_not_typed_in_time_asks_to_sign_in_again() {
    let fake = FakeTwitch::start(Twitch {
        pending_polls: u32::MAX,
        code_lifetime: 1,
        ..Twitch::default()
    })
    .await;
    let account = account(&fake, "late");
    let mut states = account.follow();
    account.start_sign_in().await.expect("a code");
    let state = state_becomes(&mut states, |s| {
        matches!(s, TwitchAccountState::SignInAgain { .. })
    })
    .await;
    assert_eq!(
        state,
        TwitchAccountState::SignInAgain {
            reason: SignInProblem::CodeExpired
        }
    );
    assert_eq!(kept(SERVICE, "late"), None);
}

#[tokio::test]
async fn a_refusal_on_twitch_is_said_as_such() {
    let fake = FakeTwitch::start(Twitch {
        deny: true,
        ..Twitch::default()
    })
    .await;
    let account = account(&fake, "denied");
    let mut states = account.follow();
    account.start_sign_in().await.expect("a code");
    let state = state_becomes(&mut states, |s| {
        matches!(s, TwitchAccountState::SignInAgain { .. })
    })
    .await;
    assert_eq!(
        state,
        TwitchAccountState::SignInAgain {
            reason: SignInProblem::Denied
        }
    );
}

#[tokio::test]
async fn a_sign_in_waiting_for_its_code_can_be_cancelled() {
    let fake = FakeTwitch::start(Twitch {
        pending_polls: u32::MAX,
        ..Twitch::default()
    })
    .await;
    let account = account(&fake, "cancelled");
    account.start_sign_in().await.expect("a code");
    account.cancel_sign_in();
    assert_eq!(account.state(), TwitchAccountState::SignedOut);
}

#[tokio::test]
async fn an_application_twitch_does_not_know_is_named() {
    let fake = FakeTwitch::start(Twitch::default()).await;
    let account = TwitchAccount::new(
        TwitchHttp::new(fake.endpoints()),
        Some("unknownclient".into()),
        slot("unknown"),
    );
    assert_eq!(
        account.start_sign_in().await,
        Err(TwitchError::SignInAgain {
            reason: SignInProblem::UnknownApplication
        })
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_callers_refused_at_once_cause_one_refresh_and_the_new_pair_is_kept_first() {
    let fake = FakeTwitch::start(Twitch::default()).await;
    let account = signed_in_account(&fake, "race").await;
    let (refused, _, _) = account.access().await.expect("a token");
    fake.with(|t| t.expire_access_tokens());

    // Chat, moderation and the channel editor all find the token refused.
    let callers: Vec<_> = (0..8)
        .map(|_| {
            let account = account.clone();
            let refused = refused.clone();
            tokio::spawn(async move { account.refreshed_after(&refused).await })
        })
        .collect();
    let mut tokens = Vec::new();
    for caller in callers {
        tokens.push(
            caller
                .await
                .expect("joined")
                .expect("a new token")
                .as_str()
                .to_owned(),
        );
    }
    tokens.dedup();
    assert_eq!(tokens.len(), 1, "everyone got the same new token");
    assert_ne!(tokens[0], refused.as_str());
    assert_eq!(
        fake.with(|t| t.refreshes),
        1,
        "one refresh for eight callers"
    );

    // The keychain holds the rotated pair: the one Twitch will take next.
    let kept = kept(SERVICE, "race").expect("kept");
    let unspent = fake.with(|t| t.unspent.iter().cloned().collect::<Vec<_>>());
    assert_eq!(unspent.len(), 1);
    assert!(kept.contains(&unspent[0]), "the new refresh token is kept");
    assert!(kept.contains(&tokens[0]), "the new access token is kept");
}

#[tokio::test]
async fn a_sign_in_revoked_on_twitch_asks_to_sign_in_again_at_the_next_start() {
    let fake = FakeTwitch::start(Twitch::default()).await;
    signed_in_account(&fake, "revoked").await;
    fake.with(|t| t.revoke_everything());

    let after_restart = account(&fake, "revoked");
    let refused = after_restart.restore().await;
    assert_eq!(
        refused,
        Err(TwitchError::SignInAgain {
            reason: SignInProblem::Revoked
        })
    );
    assert_eq!(
        after_restart.state(),
        TwitchAccountState::SignInAgain {
            reason: SignInProblem::Revoked
        }
    );
    assert_eq!(kept(SERVICE, "revoked"), None, "nothing dead is kept");
}

#[tokio::test]
async fn offline_at_start_the_kept_sign_in_is_used_and_checked_later() {
    let fake = FakeTwitch::start(Twitch::default()).await;
    signed_in_account(&fake, "offline").await;

    // Nothing listens on port 1: Twitch is out of reach.
    let offline = TwitchAccount::new(
        TwitchHttp::new(mona_streaming::twitch::TwitchEndpoints::on_loopback(1, 1)),
        Some(CLIENT_ID.into()),
        slot("offline"),
    );
    offline.restore().await.expect("restored as it is");
    assert_eq!(
        offline.state(),
        TwitchAccountState::SignedIn {
            login: LOGIN.into(),
            user_id: USER_ID.into(),
            unchecked: true
        }
    );
    assert!(
        kept(SERVICE, "offline").is_some(),
        "nothing forgotten for being offline"
    );
}

#[tokio::test]
async fn signing_out_revokes_the_token_with_twitch_and_forgets_it_here() {
    let fake = FakeTwitch::start(Twitch::default()).await;
    let account = signed_in_account(&fake, "sign-out").await;
    let (token, _, _) = account.access().await.expect("a token");

    account.sign_out().await.expect("signed out");
    assert_eq!(account.state(), TwitchAccountState::SignedOut);
    assert_eq!(
        fake.with(|t| t.revoked.clone()),
        vec![token.as_str().to_owned()]
    );
    assert_eq!(kept(SERVICE, "sign-out"), None);
    assert_eq!(account.access().await.err(), Some(TwitchError::NotSignedIn));
}

#[tokio::test]
async fn another_application_set_in_settings_signs_out_the_one_before() {
    let fake = FakeTwitch::start(Twitch::default()).await;
    let account = signed_in_account(&fake, "new-app").await;
    let (token, _, _) = account.access().await.expect("a token");

    account.configure(Some(CLIENT_ID.into())).await;
    assert!(
        signed_in(&account.state()),
        "the same application changes nothing"
    );

    account.configure(Some("anotherapp".into())).await;
    assert_eq!(account.state(), TwitchAccountState::SignedOut);
    assert_eq!(
        fake.with(|t| t.revoked.clone()),
        vec![token.as_str().to_owned()]
    );
    account.configure(None).await;
    assert_eq!(account.state(), TwitchAccountState::NotConfigured);
    assert_eq!(
        account.start_sign_in().await,
        Err(TwitchError::NotConfigured)
    );
}
