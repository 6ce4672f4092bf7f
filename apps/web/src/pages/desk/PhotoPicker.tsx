import { DeleteOutlined, InboxOutlined } from '@ant-design/icons';
import { Button, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { toApiError } from '../../api/client';
import { session } from '../../auth/session';
import { defineMessages, useT } from '../../i18n';

const messages = defineMessages(
  {
    drop: '拖入照片、点击选择,或在此页粘贴截图',
    types: 'JPEG/PNG/WebP/PDF,每个不超过 5 MB,最多 {max} 个',
    badType: '{name}:只接受 JPEG、PNG、WebP 或 PDF',
    tooBig: '{name}:超过 5 MB',
    tooMany: '最多 {max} 个附件',
    remove: '移除 {name}',
    photos: '照片',
  },
  {
    drop: 'Drop photos, click to choose, or paste a screenshot on this page',
    types: 'JPEG/PNG/WebP/PDF, up to 5 MB each, at most {max}',
    badType: '{name}: only JPEG, PNG, WebP or PDF',
    tooBig: '{name}: larger than 5 MB',
    tooMany: 'At most {max} attachments',
    remove: 'Remove {name}',
    photos: 'Photos',
  },
);

/** The API's limits (libs/attachments): types, 5 MB each, 10 per record. */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];
export const MAX_BYTES = 5 * 1024 * 1024;
export const MAX_FILES = 10;

export interface Photo {
  key: string;
  file: File;
  preview: string | null;
}

/**
 * Photos chosen before the record exists: drag-drop, file picker or a pasted clipboard image, with
 * thumbnails and type/size errors; they are uploaded once the record is created (uploadAttachments).
 */
export function PhotoPicker({
  value,
  onChange,
  id,
}: {
  value: Photo[];
  onChange: (photos: Photo[]) => void;
  id?: string;
}) {
  const t = useT(messages);
  const [errors, setErrors] = useState<string[]>([]);
  const latest = useRef(value);
  latest.current = value;

  const add = (files: File[]) => {
    const problems: string[] = [];
    const next = [...latest.current];
    for (const file of files) {
      const name = file.name || 'image';
      if (!ATTACHMENT_TYPES.includes(file.type)) problems.push(t('badType', { name }));
      else if (file.size > MAX_BYTES) problems.push(t('tooBig', { name }));
      else if (next.length >= MAX_FILES) problems.push(t('tooMany', { max: MAX_FILES }));
      else
        next.push({
          key: `${Date.now()}-${Math.random()}`,
          file,
          preview: file.type.startsWith('image/') ? URL.createObjectURL(file) : null,
        });
    }
    setErrors(problems);
    if (next.length !== latest.current.length) onChange(next);
  };
  const addRef = useRef(add);
  addRef.current = add;

  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const files = Array.from(event.clipboardData?.files ?? []);
      if (files.length > 0) {
        event.preventDefault();
        addRef.current(files);
      }
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, []);

  return (
    <div>
      <Upload.Dragger
        id={id}
        multiple
        accept={ATTACHMENT_TYPES.join(',')}
        showUploadList={false}
        beforeUpload={(file, list) => {
          // antd calls this once per file with the whole batch: take the batch on its first file.
          if (file === list[0]) add(list);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined aria-hidden />
        </p>
        <p className="ant-upload-text">{t('drop')}</p>
        <p className="ant-upload-hint">{t('types', { max: MAX_FILES })}</p>
      </Upload.Dragger>
      {errors.length > 0 ? (
        <div role="alert" style={{ marginTop: 8 }}>
          {errors.map((error) => (
            <Typography.Text key={error} type="danger" style={{ display: 'block' }}>
              {error}
            </Typography.Text>
          ))}
        </div>
      ) : null}
      {value.length > 0 ? (
        <ul
          aria-label={t('photos')}
          style={{ listStyle: 'none', padding: 0, marginTop: 12, display: 'flex', flexWrap: 'wrap', gap: 8 }}
        >
          {value.map((photo) => (
            <li key={photo.key} style={{ textAlign: 'center', width: 104 }}>
              {photo.preview ? (
                <img
                  src={photo.preview}
                  alt={photo.file.name}
                  width={96}
                  height={96}
                  style={{ objectFit: 'cover', border: '1px solid #d9d9d9', borderRadius: 6 }}
                />
              ) : (
                <div style={{ width: 96, height: 96, border: '1px solid #d9d9d9', borderRadius: 6 }}>PDF</div>
              )}
              <Typography.Text ellipsis style={{ display: 'block', fontSize: 12 }}>
                {photo.file.name}
              </Typography.Text>
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('remove', { name: photo.file.name })}
                onClick={() => onChange(value.filter((other) => other.key !== photo.key))}
              />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Uploads each photo to `path` (multipart, field `file`); answers the names that failed, with why. */
export async function uploadAttachments(path: string, photos: Photo[]): Promise<string[]> {
  const failures: string[] = [];
  for (const photo of photos) {
    const form = new FormData();
    form.append('file', photo.file, photo.file.name || 'image.png');
    try {
      const response = await fetch(path, {
        method: 'POST',
        headers: { Authorization: `Bearer ${session.token() ?? ''}` },
        body: form,
      });
      if (!response.ok) {
        const body: unknown = await response.json().catch(() => ({}));
        failures.push(`${photo.file.name}: ${toApiError(response, body).message}`);
      }
    } catch (cause) {
      failures.push(`${photo.file.name}: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
  }
  return failures;
}
