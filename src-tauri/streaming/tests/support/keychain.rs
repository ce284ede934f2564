//! A keychain in memory that keeps what is written, for the tests that read
//! back a sign-in (keyring's own mock forgets between entries). One per
//! test binary, as the OS's is one per session; tests use their own
//! accounts in it.

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use keyring::credential::{Credential, CredentialApi, CredentialBuilderApi};

type Store = Arc<Mutex<HashMap<(String, String), Vec<u8>>>>;

fn store() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(Store::default)
}

/// Makes every keychain entry of this process live in memory.
pub fn use_memory_keychain() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| keyring::set_default_credential_builder(Box::new(Builder)));
}

/// What the keychain holds for `service` / `account`.
pub fn kept(service: &str, account: &str) -> Option<String> {
    let store = store().lock().expect("not poisoned");
    store
        .get(&(service.to_owned(), account.to_owned()))
        .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
}

#[derive(Debug)]
struct Builder;

impl CredentialBuilderApi for Builder {
    fn build(
        &self,
        _target: Option<&str>,
        service: &str,
        user: &str,
    ) -> keyring::Result<Box<Credential>> {
        Ok(Box::new(Entry((service.to_owned(), user.to_owned()))))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

#[derive(Debug)]
struct Entry((String, String));

impl CredentialApi for Entry {
    fn set_secret(&self, secret: &[u8]) -> keyring::Result<()> {
        store()
            .lock()
            .expect("not poisoned")
            .insert(self.0.clone(), secret.to_vec());
        Ok(())
    }
    fn get_secret(&self) -> keyring::Result<Vec<u8>> {
        store()
            .lock()
            .expect("not poisoned")
            .get(&self.0)
            .cloned()
            .ok_or(keyring::Error::NoEntry)
    }
    fn delete_credential(&self) -> keyring::Result<()> {
        store()
            .lock()
            .expect("not poisoned")
            .remove(&self.0)
            .map(|_| ())
            .ok_or(keyring::Error::NoEntry)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
