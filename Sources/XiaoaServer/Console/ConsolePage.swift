/// The debugging console: one page, its style sheet and its script, compiled into the server.
///
/// The files live in `Resources/console/` (`index.html`, `app.css`, `app.js`) as real HTML, CSS and JavaScript
/// that tools can lint; SwiftPM embeds them in the binary at build time (`.embedInCode`), so no file is looked
/// up at run time and no CDN is needed. `serve` answers `GET /` with ``html``, and the page loads ``css`` and
/// ``javascript`` from `/console/app.css` and `/console/app.js`, so the Content-Security-Policy can forbid inline
/// code. The script only calls `/console/api/…` and writes with `textContent`, never `innerHTML`.
enum ConsolePage {
    static let html: [UInt8] = PackageResources.index_html
    static let css: [UInt8] = PackageResources.app_css
    static let javascript: [UInt8] = PackageResources.app_js
}
