package org.reelpulse.report;

/**
 * A PNG chart that the HTML part shows as {@code <img src="cid:contentId">}.
 *
 * @param contentId the Content-ID without angle brackets, e.g. {@code reaction-1@reelpulse}
 * @param fileName  a file name for the attachment, e.g. {@code reaction-1.png}
 * @param png       the image
 */
public record InlineImage(String contentId, String fileName, byte[] png) {
}
