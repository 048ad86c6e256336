//! The staff dashboard's figures, within the person's reach ([`Access`]): the open
//! consultations that concern them, soonest deadline first, each with its opinions
//! (withdrawn ones left out) and how many of them wait for review; and how many
//! opinions wait for review in all (closed consultations included: review goes on
//! after the deadline). Informants review nothing, so they get no counts.

use crate::{
    Db, Error,
    access::Access,
    consultations::{Consultation, State},
    opinions::Status,
    review::STATUSES,
};

/// One open consultation on the dashboard.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub consultation: Consultation,
    /// Opinions in scope, withdrawn ones left out (None: not theirs to count).
    pub opinions: Option<i64>,
    /// Of those, still to be reviewed (status received).
    pub waiting: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    pub open: Vec<Line>,
    /// Opinions waiting for review in every consultation in scope.
    pub waiting: Option<i64>,
}

fn index(status: Status) -> usize {
    STATUSES.iter().position(|s| *s == status).unwrap_or(0)
}

impl Db {
    /// The dashboard of a person with `access`.
    pub async fn staff_overview(&self, access: &Access) -> Result<Overview, Error> {
        let mut open: Vec<Consultation> = self
            .consultations()
            .list(&[State::Open])
            .await?
            .into_iter()
            .filter(|c| access.concerns(c))
            .collect();
        open.sort_by_key(|c| (c.closes_at, c.id));
        let counts = match access.review() {
            Some(scope) => Some(self.reviews().counts(scope).await?),
            None => None,
        };
        let received = index(Status::Received);
        let withdrawn = index(Status::Withdrawn);
        let of = |id: i64| {
            counts.as_ref().map(|all| {
                all.iter()
                    .find(|c| c.consultation_id == id)
                    .map_or((0, 0), |c| {
                        (c.total() - c.by_status[withdrawn], c.by_status[received])
                    })
            })
        };
        Ok(Overview {
            waiting: counts
                .as_ref()
                .map(|all| all.iter().map(|c| c.by_status[received]).sum()),
            open: open
                .into_iter()
                .map(|c| {
                    let n = of(c.id);
                    Line {
                        opinions: n.map(|n| n.0),
                        waiting: n.map(|n| n.1),
                        consultation: c,
                    }
                })
                .collect(),
        })
    }
}
