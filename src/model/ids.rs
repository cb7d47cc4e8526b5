//! Typed indices for the things a chart holds, so a post id is never taken for a person id.

use std::fmt;

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);

        impl $name {
            /// The position in the chart's list.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}#{}", stringify!($name), self.0)
            }
        }
    };
}

typed_id!(
    /// An organisation in [`crate::model::Chart::organisations`].
    OrgId
);
typed_id!(
    /// A post in [`crate::model::Chart::posts`].
    PostId
);
typed_id!(
    /// A person in [`crate::model::Chart::people`].
    PersonId
);
typed_id!(
    /// A tenure in [`crate::model::Chart::tenures`].
    TenureId
);
typed_id!(
    /// A line in [`crate::model::Chart::lines`].
    LineId
);
typed_id!(
    /// A source in [`crate::model::Chart::sources`].
    SourceId
);
typed_id!(
    /// An event in [`crate::model::Chart::events`].
    EventId
);

/// Any thing a readable id can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Entity {
    /// An organisation.
    Org(OrgId),
    /// A post.
    Post(PostId),
    /// A person.
    Person(PersonId),
    /// An event.
    Event(EventId),
    /// A source.
    Source(SourceId),
}
