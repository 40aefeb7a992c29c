import { getSignedUrl } from "@aws-sdk/cloudfront-signer";

/**
 * CloudFront in front of the bucket (README, "Audio from object storage and a CDN"): the app signs
 * a canned-policy URL with the key of a trusted key group, and CloudFront fetches the object from
 * the bucket with origin access control. `response-content-*` ride along as query parameters, which
 * the distribution's origin request policy forwards to S3 (S3 honours them on signed requests).
 */
export type CdnConfig = { baseUrl: string; keyPairId: string; privateKey: string };

export function cdnSignedUrl(
  config: CdnConfig,
  key: string,
  options: { expiresAt: Date; contentType?: string; disposition?: string },
): string {
  const url = new URL(`${config.baseUrl.replace(/\/+$/, "")}/${key.split("/").map(encodeURIComponent).join("/")}`);
  if (options.contentType) url.searchParams.set("response-content-type", options.contentType);
  if (options.disposition) url.searchParams.set("response-content-disposition", options.disposition);
  return getSignedUrl({
    url: url.href,
    keyPairId: config.keyPairId,
    privateKey: config.privateKey,
    dateLessThan: options.expiresAt,
  });
}
