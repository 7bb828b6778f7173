/**
 * openid-client and its dependencies ship as ES modules only (ADR 0016): Node's require() loads
 * them in the built server, Jest's module system needs them as CommonJS. Every Jest
 * configuration that loads the backend's modules spreads these into its own.
 */
const ESM_ONLY = ['openid-client', 'oauth4webapi', 'jose'];

/** `transform` entries: babel-jest turns those packages into CommonJS. */
const esmTransform = {
  [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: [
    'babel-jest',
    { babelrc: false, configFile: false, plugins: ['@babel/plugin-transform-modules-commonjs'] },
  ],
};

/** `transformIgnorePatterns`: node_modules stay untransformed except those packages. */
const esmTransformIgnorePatterns = [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`];

module.exports = { esmTransform, esmTransformIgnorePatterns };
