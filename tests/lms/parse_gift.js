// Parse a GIFT file with gift-pegjs (an independent parser) and print its questions as JSON.
// Usage: node parse_gift.js FILE   (run with NODE_PATH pointing at the repository's node_modules)
const fs = require("fs");
const gift = require("gift-pegjs");
process.stdout.write(JSON.stringify(gift.parse(fs.readFileSync(process.argv[2], "utf8"))));
