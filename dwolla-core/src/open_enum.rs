//! `open_enum!`: an enum for a value Dwolla documents as a closed set but may
//! extend at any time (a status, a type). The known values are variants;
//! anything else is kept as `Other(String)`, never rejected, so a new value
//! from Dwolla cannot break parsing.

/// Declares an open enum: its variants with their wire spellings, plus
/// `Other(String)`, `from_wire` (case-insensitive), `as_str` and `Display`.
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $wire:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// Any other value, as sent.
            Other(String),
        }

        impl $name {
            #[allow(dead_code)]
            pub(crate) fn from_wire(s: &str) -> Self {
                $( if s.eq_ignore_ascii_case($wire) { return $name::$variant; } )+
                $name::Other(s.to_owned())
            }

            /// The value as Dwolla spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )+
                    $name::Other(s) => s,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use open_enum;
