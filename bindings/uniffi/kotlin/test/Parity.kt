/**
 * Parity: every capability SURFACES.md gives Kotlin (`CAPABILITIES`, generated into
 * `Capabilities.kt` by `cargo xtask codegen parity`) is in the compiled bindings, found by
 * reflection: `Class.member` is a method, a property getter, a nested class or a companion
 * method of `happyfox.Class`, or an extension function on it; `function` is a top-level one.
 */

import java.util.jar.JarFile

/** The classes of package `happyfox` that hold top-level and extension functions (`*Kt`). */
private val functionHolders: List<Class<*>> by lazy {
    System.getProperty("java.class.path").split(java.io.File.pathSeparator)
        .filter { it.endsWith(".jar") }
        .flatMap { path -> JarFile(path).use { jar -> jar.entries().toList().map { it.name } } }
        .filter { it.startsWith("happyfox/") && it.endsWith("Kt.class") && !it.contains('$') }
        .map { Class.forName(it.removeSuffix(".class").replace('/', '.')) }
}

/** The class `happyfox.<path>` (`path` with `$` between nested classes), if there is one. */
private fun happyfoxClass(path: String): Class<*>? =
    runCatching { Class.forName("happyfox.$path") }.getOrNull()

/** Whether `Class.member`, `Class.Nested`, `Class.Nested.member` or a top-level `function` exists. */
fun kotlinHas(name: String): Boolean {
    val parts = name.split('.')
    if (happyfoxClass(parts.joinToString("$")) != null) return true
    val member = parts.last()
    if (parts.size == 1) {
        return functionHolders.any { holder -> holder.methods.any { it.name == member } }
    }
    val owner = parts.dropLast(1).joinToString("$")
    val cls = happyfoxClass(owner) ?: return false
    val capitalized = member.replaceFirstChar { it.uppercase() }
    val getters = setOf(member, "get$capitalized", "is$capitalized")
    return cls.methods.any { it.name in getters } ||
        happyfoxClass("$owner\$Companion")?.methods?.any { it.name == member } == true ||
        functionHolders.any { holder ->
            holder.methods.any { it.name == member && it.parameterTypes.firstOrNull()?.isAssignableFrom(cls) == true }
        }
}

/** Fails naming every capability the Kotlin bindings miss, with the name SURFACES.md gives. */
fun checkParity() {
    check(kotlinHas("HappyFoxClient.getTicket") && !kotlinHas("HappyFoxClient.noSuchMethod")) {
        "the parity lookup itself is broken"
    }
    val missing = CAPABILITIES.filterNot { (_, name) -> kotlinHas(name) }
    check(missing.isEmpty()) {
        "capabilities missing from the Kotlin bindings (SURFACES.md):\n" +
            missing.joinToString("\n") { (capability, name) -> "  Kotlin: `$capability` has no `$name`" }
    }
    println("  ${CAPABILITIES.size} Kotlin names found")
}
