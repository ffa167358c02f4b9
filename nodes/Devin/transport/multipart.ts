/**
 * A multipart/form-data body with one file part, built by hand: the `form-data` package is not
 * allowed in verified community nodes, and a plain Buffer travels the same on every n8n version.
 */
export function multipartFile(
	field: string,
	fileName: string,
	contentType: string,
	data: Buffer,
): { data: Buffer; contentType: string } {
	const boundary = `----n8nDevin${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`;
	// RFC 7578: quotes and line breaks in a file name are percent-encoded.
	const safeName = fileName.replace(/["\r\n]/g, (character) => encodeURIComponent(character));
	const head =
		`--${boundary}\r\n` +
		`Content-Disposition: form-data; name="${field}"; filename="${safeName}"\r\n` +
		`Content-Type: ${contentType}\r\n\r\n`;
	return {
		data: Buffer.concat([
			Buffer.from(head, 'utf8'),
			data,
			Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
		]),
		contentType: `multipart/form-data; boundary=${boundary}`,
	};
}
