/**
 * @estate/labels — every code's label in Chinese and English, for the web console, the exports
 * and the reports. A leaf: plain TypeScript with no runtime imports (the web app bundles it).
 */
export * from './label';
export * from './labels';
export * from './completeness';
