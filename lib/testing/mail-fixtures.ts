// Mail as Japanese phones send it, shared by the parser's unit test, the mail-loop e2e and the inbound
// benchmark so that all three exercise the same bytes: ISO-2022-JP headers and text, quoted history,
// a phone signature and a photo attachment.
import Encoding from "encoding-japanese";

/** A 1x1 PNG: a photo whose content is an image whatever its name says. */
export const TINY_PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1e1e5b50000000049454e44ae426082", "hex");

/** Text in ISO-2022-JP (JIS), the charset Japanese phone mail apps still send. */
export const jis = (text: string) => Buffer.from(Encoding.convert(Encoding.stringToCode(text), { to: "JIS", from: "UNICODE" }));

/** A header value as an RFC 2047 encoded word in ISO-2022-JP. */
export const encodedJis = (text: string) => `=?ISO-2022-JP?B?${jis(text).toString("base64")}?=`;

export type PhoneReply = {
  /** Header lines before MIME-Version (From, To, Subject, Message-ID, In-Reply-To, …), in order. */
  headers: string[];
  /** The text lines, CRLF-joined and JIS-encoded as one part. */
  lines: string[];
  /** The attachment's file name and content (a tiny PNG unless given). */
  photoName?: string;
  photo?: Buffer;
  photoType?: string;
  boundary?: string;
};

/** A multipart/mixed phone reply: an ISO-2022-JP text part and a photo. */
export function phoneReply({ headers, lines, photoName = "IMG_0001.JPG", photoType = "image/jpeg", photo = TINY_PNG, boundary = "----=_phone_boundary" }: PhoneReply): Buffer {
  return Buffer.concat([
    Buffer.from(
      [
        ...headers,
        "MIME-Version: 1.0",
        `Content-Type: multipart/mixed; boundary="${boundary}"`,
        "",
        `--${boundary}`,
        'Content-Type: text/plain; charset="ISO-2022-JP"',
        "Content-Transfer-Encoding: 7bit",
        "",
        "",
      ].join("\r\n"),
    ),
    jis(lines.join("\r\n")),
    Buffer.from(
      [
        "",
        `--${boundary}`,
        `Content-Type: ${photoType}; name="${photoName}"`,
        "Content-Transfer-Encoding: base64",
        `Content-Disposition: attachment; filename="${photoName}"`,
        "",
        photo.toString("base64").replace(/.{76}/g, "$&\r\n"),
        `--${boundary}--`,
        "",
      ].join("\r\n"),
    ),
  ]);
}
