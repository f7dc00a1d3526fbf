//! The HappyFox ticket search language.
