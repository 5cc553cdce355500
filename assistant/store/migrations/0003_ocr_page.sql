-- Passages read by OCR keep the page of the scan they came from (0: not read by OCR).
ALTER TABLE chunks ADD COLUMN ocr_page integer NOT NULL DEFAULT 0;
