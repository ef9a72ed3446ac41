// depmap never downloads a browser: SVG uses the system's Chromium (see README).
module.exports = { skipDownload: true };
