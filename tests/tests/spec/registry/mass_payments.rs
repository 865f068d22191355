use dwolla_core::mass_payments::{
    InitiateMassPayment, ListCustomerMassPayments, ListMassPaymentItems, MassPaymentItemStatus,
    PaymentItem, RetrieveMassPayment, RetrieveMassPaymentItem, UpdateMassPayment,
};
use dwolla_core::transfers::{DestinationClearing, ProcessingChannel, SourceClearing};

use super::{sample, usd, Sample, HREF_BASE, ID};

pub fn samples() -> Vec<Sample> {
    let source = format!("{HREF_BASE}/funding-sources/{ID}");
    vec![
        sample(
            "minimal",
            InitiateMassPayment::new(source.clone(), vec![PaymentItem::new(ID, usd("1.00"))]),
        ),
        sample(
            "every option, deferred",
            InitiateMassPayment::new(
                source,
                vec![
                    PaymentItem::new(ID, usd("1.00"))
                        .metadata("payment1", "payment1")
                        .correlation_id("ad6ca82d-59f7-45f0-a8d2-94c2cd4e8841")
                        .destination_clearing(DestinationClearing::NextAvailable)
                        .ach_destination_addenda("ZYX987_AddendaValue")
                        .processing_channel(ProcessingChannel::RealTimePayments),
                    PaymentItem::new(ID, usd("5.00")),
                ],
            )
            .deferred()
            .source_clearing(SourceClearing::NextAvailable)
            .ach_source_addenda("ABC123_AddendaValue")
            .metadata("batch1", "batch1")
            .correlation_id("6d127333-69e9-4c2b-8cae-df850228e130")
            .idempotency_key("batch-1"),
        ),
        sample("retrieve", RetrieveMassPayment::new(ID)),
        sample("release", UpdateMassPayment::release(ID)),
        sample("cancel", UpdateMassPayment::cancel(ID)),
        sample(
            "items",
            ListMassPaymentItems::new(ID)
                .status(MassPaymentItemStatus::Failed)
                .limit(10),
        ),
        sample("item", RetrieveMassPaymentItem::new(ID)),
        sample(
            "customer's list",
            ListCustomerMassPayments::new(ID)
                .correlation_id("batch-1")
                .limit(10),
        ),
    ]
}
