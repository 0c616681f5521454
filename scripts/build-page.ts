// npm run build:page: bundles src/view/page (with Observable Plot and jsdiff) into dist/page.
// A checkout does this by itself when the page's sources change; a package ships the result.
import { buildPageBundle, BUNDLE_DIR } from '../src/view/html/page-bundle.ts';

const bundle = await buildPageBundle();
console.log(`wrote ${BUNDLE_DIR}/page.js (${Math.round(bundle.script.length / 1024)} KB) and page.css (${Math.round(bundle.css.length / 1024)} KB)`);
