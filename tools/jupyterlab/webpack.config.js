// Builds AI Studio's JupyterLab front end into $AI_STUDIO_LAB_OUT (default ./build):
// static/ (the bundle the server serves), schemas/ and themes/ (what
// jupyterlab_server reads), as JupyterLab's own examples/app does.
const path = require('path');
const webpack = require('webpack');
const { Build } = require('@jupyterlab/builder');
const data = require('./package.json');

const out = path.resolve(process.env.AI_STUDIO_LAB_OUT || path.join(__dirname, 'build'));
const extensions = Object.keys(data.dependencies).filter(
  name => require(`${name}/package.json`).jupyterlab !== undefined
);
// Copies every extension's settings schemas and builds the themes' CSS.
const themes = Build.ensureAssets({ packageNames: extensions, output: out });

module.exports = [
  {
    mode: 'production',
    entry: ['whatwg-fetch', './index.js'],
    output: {
      path: path.join(out, 'static'),
      filename: 'bundle.js',
      chunkFilename: '[name].[contenthash].js',
      assetModuleFilename: 'assets/[name].[contenthash][ext]'
    },
    bail: true,
    devtool: false,
    performance: { hints: false },
    module: {
      rules: [
        { test: /\.css$/, use: ['style-loader', 'css-loader'] },
        { test: /\.md$/, type: 'asset/source' },
        { test: /\.txt$/, type: 'asset/source' },
        { test: /\.(jpg|png|gif|ico)$/, type: 'asset/resource' },
        { test: /\.(woff2?|ttf|eot|otf)(\?v=\d+\.\d+\.\d+)?$/, type: 'asset/resource' },
        // Icons: markup for the code that imports them, small inline files for CSS.
        { test: /\.svg(\?v=\d+\.\d+\.\d+)?$/, issuer: /\.css$/, type: 'asset/inline' },
        { test: /\.svg(\?v=\d+\.\d+\.\d+)?$/, issuer: /\.[jt]sx?$/, type: 'asset/source' }
      ]
    },
    resolve: {
      fallback: {
        url: false,
        buffer: false,
        crypto: false,
        path: require.resolve('path-browserify')
      }
    },
    plugins: [new webpack.ProvidePlugin({ process: require.resolve('process/browser') })]
  }
].concat(themes);
