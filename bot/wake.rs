//! How intake tells the dispatcher which chats have new updates, so that handling an
//! update does not begin with a scan of the whole inbox. The hints are only a shortcut:
//! the dispatcher still scans the inbox every second, for rows another replica stored
//! and rows left from before a restart, so a lost hint delays an update, never loses it.

use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::Notify;

#[derive(Clone, Default)]
pub struct Wake {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    notify: Notify,
    /// Chats with newly stored rows, once per row, in the order they were stored.
    chats: Mutex<Vec<i64>>,
}

impl Wake {
    /// Rows of these chats were just stored (once per row).
    pub fn stored(&self, chats: impl IntoIterator<Item = i64>) {
        self.inner
            .chats
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend(chats);
        self.inner.notify.notify_one();
    }

    /// The hints since the last call, oldest first.
    pub(crate) fn take(&self) -> Vec<i64> {
        std::mem::take(
            &mut *self
                .inner
                .chats
                .lock()
                .unwrap_or_else(PoisonError::into_inner),
        )
    }

    pub(crate) async fn notified(&self) {
        self.inner.notify.notified().await
    }
}
