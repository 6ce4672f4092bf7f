/**
 * Money text, pure and dependency-free so the web app bundles the same code as the API (aliased like
 * @estate/labels): the one yuan → fen parser and the amount in Chinese capitals (大写金额).
 */
export * from './yuan';
export * from './chinese-capitals';
