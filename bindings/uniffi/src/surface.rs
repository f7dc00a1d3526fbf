//! Which language the library serves, for the User-Agent (`happyfox-kotlin/<version>` or
//! `happyfox-swift/<version>`): a JVM process (Kotlin, Java, Android) has the JNI invocation
//! API loaded, which the library looks up once; any other host is Swift's.

use std::sync::OnceLock;

/// The default User-Agent of this process's clients.
pub(crate) fn user_agent() -> String {
    format!("happyfox-{}/{}", language(), env!("CARGO_PKG_VERSION"))
}

/// `kotlin` in a JVM, else `swift`.
fn language() -> &'static str {
    static LANGUAGE: OnceLock<&'static str> = OnceLock::new();
    LANGUAGE.get_or_init(|| if in_jvm() { "kotlin" } else { "swift" })
}

/// Whether the JVM's `JNI_GetCreatedJavaVMs` is loaded in this process (the `java` launcher
/// and Android's runtime load the JVM's library globally).
#[cfg(unix)]
fn in_jvm() -> bool {
    // SAFETY: dlsym with RTLD_DEFAULT and a NUL-terminated name only looks a symbol up; the
    // pointer is compared, never called.
    let symbol = unsafe { libc::dlsym(libc::RTLD_DEFAULT, c"JNI_GetCreatedJavaVMs".as_ptr()) };
    !symbol.is_null()
}

/// On Windows only the JVM loads this library (the XCFramework is for Apple platforms).
#[cfg(not(unix))]
fn in_jvm() -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A test process has no JVM: the host is Swift's (the Kotlin test program checks
    /// `happyfox-kotlin/` from inside a JVM).
    #[test]
    fn outside_a_jvm_the_user_agent_names_swift() {
        assert_eq!(
            user_agent(),
            format!("happyfox-swift/{}", env!("CARGO_PKG_VERSION"))
        );
    }
}
