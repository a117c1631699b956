// Placeholder entry until the CLI commands land in this same change.
console.log('normscope: commands coming');
