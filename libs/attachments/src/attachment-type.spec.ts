import { detectAttachmentType } from './attachment-type';

describe('detectAttachmentType', () => {
  it('recognises JPEG, PNG, WebP and PDF by their first bytes', () => {
    expect(detectAttachmentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(detectAttachmentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(
      'image/png',
    );
    expect(
      detectAttachmentType(
        Buffer.concat([Buffer.from('RIFF'), Buffer.from([1, 2, 3, 4]), Buffer.from('WEBPVP8 ')]),
      ),
    ).toBe('image/webp');
    expect(detectAttachmentType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
  });

  it('refuses anything else, including truncated headers and RIFF files that are not WebP', () => {
    expect(detectAttachmentType(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(detectAttachmentType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(detectAttachmentType(Buffer.from([0xff, 0xd8]))).toBeNull();
    expect(
      detectAttachmentType(
        Buffer.concat([Buffer.from('RIFF'), Buffer.from([1, 2, 3, 4]), Buffer.from('WAVE')]),
      ),
    ).toBeNull();
    expect(detectAttachmentType(Buffer.alloc(0))).toBeNull();
  });
});
