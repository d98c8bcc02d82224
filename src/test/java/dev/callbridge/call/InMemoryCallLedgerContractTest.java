package dev.callbridge.call;

/** The shared call ledger contract, on the memory ledger. */
class InMemoryCallLedgerContractTest extends CallLedgerContract {

    @Override
    CallLedger ledger() {
        return new InMemoryCallLedger(1000, KEPT, clock);
    }
}
