#!/usr/bin/env node
// The CLI is the bundle in dist/ (built by `npm run build`; the published package ships it).
import '../dist/depmap.js';
