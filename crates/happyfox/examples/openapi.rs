//! Prints the OpenAPI 3.1 document of the client (`cargo xtask codegen` stores it in
//! `spec/openapi.json`).

fn main() {
    print!("{}", happyfox::openapi::document_text());
}
