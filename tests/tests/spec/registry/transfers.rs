use dwolla_core::transfers::{
    CancelTransfer, Date, DestinationClearing, Fee, InitiateTransfer, ListCustomerTransfers,
    ListTransferFees, ProcessingChannel, RetrieveTransfer, RetrieveTransferFailure, SourceClearing,
    TransferStatus,
};

use super::{sample, usd, Sample, HREF_BASE, ID};

pub fn samples() -> Vec<Sample> {
    let source = format!("{HREF_BASE}/funding-sources/{ID}");
    vec![
        sample(
            "minimal",
            InitiateTransfer::new(source.clone(), ID, usd("1.00")),
        ),
        sample(
            "every option, instantDetails",
            InitiateTransfer::new(source.clone(), ID, usd("100.00"))
                .metadata("paymentId", "12345678")
                .metadata("note", "Payment for completed work Dec. 1")
                .fee(Fee::new(ID, usd("4.00")))
                .source_clearing(SourceClearing::Standard)
                .destination_clearing(DestinationClearing::NextAvailable)
                .ach_source_addenda("ABC123_AddendaValue")
                .ach_destination_addenda("ZYX987_AddendaValue")
                .instant_remittance_data("ABC_123 Remittance Data")
                .correlation_id("6d127333-69e9-4c2b-8cae-df850228e130")
                .processing_channel(ProcessingChannel::Instant)
                .idempotency_key("payout-1"),
        ),
        sample(
            "rtpDetails, real-time-payments",
            InitiateTransfer::new(source, ID, usd("5.00"))
                .rtp_remittance_data("Invoice 42")
                .processing_channel(ProcessingChannel::RealTimePayments),
        ),
        sample("retrieve", RetrieveTransfer::new(ID)),
        sample("cancel", CancelTransfer::new(ID)),
        sample(
            "list, every filter",
            ListCustomerTransfers::new(ID)
                .search("Doe")
                .start_amount(usd("1"))
                .end_amount(usd("500"))
                .start_date(Date::new(2024, 1, 1).unwrap())
                .end_date(Date::new(2024, 12, 31).unwrap())
                .status(TransferStatus::Pending)
                .correlation_id("8a2cdc8d-629d-4a24-98ac-40b735229fe2")
                .limit(25)
                .offset(25),
        ),
        sample("fees", ListTransferFees::new(ID)),
        sample("failure", RetrieveTransferFailure::new(ID)),
    ]
}
