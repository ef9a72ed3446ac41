#!/usr/bin/env node
// The CLI is the bundle in dist/ (built by `npm run build`, and by `npm ci` through prepare).
import '../dist/depmap.js';
