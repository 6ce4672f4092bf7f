#!/usr/bin/env node
// Writes docs/kpi.md from the metric registry (libs/kpi/src/metric-definitions.ts).
require('ts-node').register({ transpileOnly: true, project: `${__dirname}/../tsconfig.json` });
require('tsconfig-paths').register();
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { renderKpiDocs } = require('../libs/kpi/src/kpi-docs.ts');
writeFileSync(join(__dirname, '..', 'docs', 'kpi.md'), renderKpiDocs());
console.log('docs/kpi.md written from the metric registry');
