// Prettier, the one formatter (npm run format / format:check). printWidth 190 is the width the code was
// written to: of 100, 120, 140, 160, 180, 190, 200 and 240, it is the one that leaves the fewest files to reformat.
module.exports = {
  printWidth: 190,
};
