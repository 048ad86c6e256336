//! The consultation an event relates to (an event on a draft regulation open for
//! opinions), checked one way for the chat's dialogue and `/event E12 consultation …`
//! and the console's form.

use super::{Events, consultation_ref};
use crate::Error;

impl Events<'_> {
    /// The related consultation as typed (see [`consultation_ref`]), which must exist:
    /// [`Error::UnknownConsultation`] for a malformed, forged or unknown number.
    pub async fn related(&self, raw: &str) -> Result<Option<i64>, Error> {
        match consultation_ref(raw)? {
            None => Ok(None),
            Some(id) => match self.0.consultations().get(id).await? {
                Some(c) => Ok(Some(c.id)),
                None => Err(Error::UnknownConsultation(id)),
            },
        }
    }
}
