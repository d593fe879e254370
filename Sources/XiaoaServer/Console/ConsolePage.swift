/// The debugging console: one page, its style sheet and its scripts, compiled into the server.
///
/// The files live in `Resources/console/` (`index.html`, `app.css`, `app.js`, `i18n.js`) as real HTML, CSS and
/// JavaScript that tools can lint; SwiftPM embeds them in the binary at build time (`.embedInCode`), so no file is
/// looked up at run time and no CDN is needed. `serve` answers `GET /` with ``html``, and the page loads ``css``,
/// ``labels`` and ``javascript`` from `/console/app.css`, `/console/i18n.js` and `/console/app.js`, so the
/// Content-Security-Policy can forbid inline code. `i18n.js` holds the page's own texts in English and Simplified
/// Chinese and the language switch; the script only calls `/console/api/…` (with the chosen language as
/// `Accept-Language`) and writes with `textContent`, never `innerHTML`.
enum ConsolePage {
    static let html: [UInt8] = PackageResources.index_html
    static let css: [UInt8] = PackageResources.app_css
    static let javascript: [UInt8] = PackageResources.app_js
    static let labels: [UInt8] = PackageResources.i18n_js
}
