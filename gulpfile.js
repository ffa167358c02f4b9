const { src, dest, task } = require('gulp');

/** Copies the icons next to the compiled nodes and credentials, where their `file:` paths point. */
function buildIcons() {
	return src(['icons/*.svg', 'nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		allowEmpty: true,
	}).pipe(dest('dist'));
}

task('build:icons', buildIcons);
