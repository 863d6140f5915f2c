// Reads an XLIFF 2.0 file with the npm `xliff` package (xliff2js) and prints its units as
// JSON lines: {"file", "unit", "source", "target"}; scripts/exchange_check.py compares them
// with honyaku's catalogs. Exits 1 when the package cannot read the file.
const { xliff2js } = require('xliff');
const fs = require('fs');

const text = (value) => (Array.isArray(value) ? value.join('') : value);

xliff2js(fs.readFileSync(process.argv[2], 'utf8'))
  .then((js) => {
    for (const [file, units] of Object.entries(js.resources)) {
      for (const [unit, body] of Object.entries(units)) {
        const line = { file, unit, source: text(body.source) };
        if (body.target !== undefined) line.target = text(body.target);
        console.log(JSON.stringify(line));
      }
    }
  })
  .catch((error) => {
    console.error(`xliff2js: ${error.message || error}`);
    process.exit(1);
  });
